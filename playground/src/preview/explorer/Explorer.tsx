/**
 * The explorer: a small React app, written once and driven by the model, around a generated data layer. It finds
 * the hooks by the names the generator gives them (`use<Entities>`, `useCreate<Entity>`, …) and shows a live table
 * with includes and filters, a create form, inline edit and delete, and the state of each.
 *
 * @module
 */
import { Component, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Entity, EntityModel } from "../../../../src/model/types.ts";
import type { PreviewHost } from "../host.ts";
import { type GeneratedApi, listHook, type Mutation, noMutation, type Report, type Row } from "./api.ts";
import { CreateForm, EditRow, FieldInput } from "./forms.tsx";
import {
  cellText,
  errorText,
  filterFields,
  inputText,
  parseInput,
  type RowAction,
  rowActions,
  rowLabel,
  shortKey,
  tableColumns,
  updateFields,
} from "./fields.ts";

/** Shows what went wrong below it instead of a blank frame. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state = { error: undefined as unknown };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    if (this.state.error) {
      return (
        <div className="x-error" role="alert">
          The explorer failed: {errorText(this.state.error)}
        </div>
      );
    }
    return this.props.children;
  }
}

/** The whole explorer of one client. */
export function Explorer(
  { api, host }: { api: GeneratedApi; host: PreviewHost },
) {
  const model = host.model;
  const entities = model.entities.filter((e) => e.operations.list && listHook(api, e));
  const [name, setName] = useState(
    entities.some((e) => e.name === host.memory.entity) ? host.memory.entity : entities[0]?.name,
  );
  useEffect(() => void (host.memory.entity = name), [host, name]);
  const entity = entities.find((e) => e.name === name) ?? entities[0];
  const connection: string = typeof api.useBroadcastState === "function" ? api.useBroadcastState() : "disconnected";
  const [alerts, setAlerts] = useState<{ id: number; text: string }[]>([]);
  const nextAlert = useRef(0);
  const report = useCallback<Report>((error) => {
    const id = ++nextAlert.current;
    setAlerts((list) => [...list.slice(-2), { id, text: errorText(error) }]);
    setTimeout(
      () => setAlerts((list) => list.filter((a) => a.id !== id)),
      8000,
    );
  }, []);
  useEffect(() => host.onReady(), [host]);

  return (
    <div className="x-explorer">
      <header className="x-header">
        <span className="x-client" aria-label={`Client ${host.client}`}>
          {host.client}
        </span>
        <label className="x-entity">
          <span className="x-sr">Entity</span>
          <select
            data-testid="preview-entity-select"
            value={entity?.name ?? ""}
            onChange={(e) => setName(e.currentTarget.value)}
          >
            {entities.map((e) => (
              <option key={e.name} value={e.name}>
                {e.names.pascalPlural}
              </option>
            ))}
          </select>
        </label>
        <span
          className={`x-connection x-connection-${connection}`}
          title="Broadcast connection"
        >
          <span className="x-dot" aria-hidden="true" />
          {connection}
        </span>
      </header>
      <div className="x-alerts" aria-live="polite">
        {alerts.map((a) => (
          <div
            key={a.id}
            className="x-alert"
            role="alert"
            data-testid="preview-error"
          >
            <span>{a.text}</span>
            <button
              type="button"
              aria-label="Dismiss"
              onClick={() => setAlerts((list) => list.filter((x) => x.id !== a.id))}
            >
              ×
            </button>
          </div>
        ))}
      </div>
      {entity
        ? (
          <EntityView
            key={entity.name}
            api={api}
            model={model}
            entity={entity}
            report={report}
          />
        )
        : (
          <p className="x-empty">
            This API has no entity with a list operation to show.
          </p>
        )}
    </div>
  );
}

function EntityView(
  { api, model, entity, report }: {
    api: GeneratedApi;
    model: EntityModel;
    entity: Entity;
    report: Report;
  },
) {
  const pascal = entity.names.pascal;
  const useList = listHook(api, entity)!;
  const useCreate: () => Mutation | undefined = api[`useCreate${pascal}`] ??
    noMutation;
  const useUpdate: () => Mutation | undefined = api[`useUpdate${pascal}`] ??
    noMutation;
  const useDelete: () => Mutation | undefined = api[`useDelete${pascal}`] ??
    noMutation;
  // includes of entities the API can list (an entity with only a get cannot be loaded by its foreign key)
  const relations = entity.relationships.filter((r) =>
    model.entities.some((e) => e.name === r.target && e.operations.list && listHook(api, e))
  );
  const [include, setInclude] = useState<string[]>([]);
  const [where, setWhere] = useState<Row>({});
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<unknown>(undefined);
  const filters = useMemo(() => filterFields(model, entity), [model, entity]);
  // a nested list loads only with its parent chosen
  const missing = filters.filter((f) => f.required && where[f.name] === undefined).map((f) => f.name);
  const options = useMemo(() => ({
    ...(Object.keys(where).length ? { where } : {}),
    ...(include.length ? { include } : {}),
    ...(missing.length ? { enabled: false } : {}),
  }), [where, include, missing.length]);
  const list = useList(options);
  const create = useCreate();
  const update = useUpdate();
  const remove = useDelete();
  const actions = useMemo(
    () => rowActions(model, entity).filter((a) => typeof api[a.hook] === "function"),
    [api, model, entity],
  );
  const runners = useActionHooks(api, actions);
  const width = useFrameWidth();
  // as many columns as fit beside the key and the actions (about 110 px each), at least 2
  const maxColumns = Math.max(
    2,
    Math.min(6, Math.floor((width - 220 - include.length * 110) / 110)),
  );
  const columns = useMemo(() => tableColumns(model, entity, maxColumns), [
    model,
    entity,
    maxColumns,
  ]);
  const editable = useMemo(
    () => new Set(updateFields(model, entity).map((f) => f.name)),
    [model, entity],
  );
  const key = entity.primaryKey.name;
  const status = missing.length
    ? "waiting"
    : list.isLoading
    ? "loading"
    : list.isError || list.error
    ? "error"
    : "ready";

  return (
    <section className="x-entity-view" aria-label={entity.names.pascalPlural}>
      <div className="x-toolbar">
        <span
          className={`x-status x-status-${status}`}
          data-testid="preview-status"
        >
          {status}
          {status === "ready" ? ` · ${list.data.length} row${list.data.length === 1 ? "" : "s"}` : ""}
        </span>
        {create && (
          <button
            type="button"
            className="x-button x-primary"
            data-testid="preview-create"
            aria-expanded={creating}
            onClick={() => setCreating((c) => !c)}
          >
            {creating ? "Close" : `New ${entity.singular.replace(/_/g, " ")}`}
          </button>
        )}
      </div>
      {list.error ? <div className="x-error" role="alert">{errorText(list.error)}</div> : null}
      {(relations.length > 0 || filters.length > 0) && (
        <div className="x-query">
          {relations.length > 0 && (
            <fieldset className="x-includes">
              <legend>include</legend>
              {relations.map((r) => (
                <label key={r.name} className="x-chip">
                  <input
                    type="checkbox"
                    data-testid="preview-include"
                    data-relation={r.name}
                    checked={include.includes(r.name)}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      setInclude((list) => on ? [...list, r.name] : list.filter((n) => n !== r.name));
                    }}
                  />
                  {r.name}
                </label>
              ))}
            </fieldset>
          )}
          {filters.length > 0 && (
            <fieldset className="x-filters">
              <legend>where</legend>
              {filters.map((f) => (
                <label key={f.name} className="x-filter">
                  <span>{f.name}</span>
                  <FieldInput
                    api={api}
                    model={model}
                    field={f}
                    value={inputText(where[f.name])}
                    optional={!f.required}
                    autoFirst={f.required}
                    emptyLabel="any"
                    testId="preview-filter"
                    onChange={(text) =>
                      setWhere((w) => {
                        const next = { ...w };
                        const value = text === "" ? undefined : parseInput({ ...f, nullable: false }, text);
                        if (value === undefined) delete next[f.name];
                        else next[f.name] = value;
                        return next;
                      })}
                  />
                </label>
              ))}
            </fieldset>
          )}
        </div>
      )}
      {creating && create && (
        <CreateForm
          api={api}
          model={model}
          entity={entity}
          create={create}
          report={report}
          onDone={() => setCreating(false)}
        />
      )}
      <div className="x-table-wrap">
        <table className="x-table">
          <thead>
            <tr>
              <th scope="col" className="x-key-head">{key}</th>
              {columns.map((c) => <th key={c.name} scope="col">{c.name}</th>)}
              {include.map((name) => (
                <th key={`include:${name}`} scope="col" className="x-included">
                  {name}
                </th>
              ))}
              <th scope="col" className={`x-actions-head${actions.length ? " x-with-menu" : ""}`}>
                <span className="x-sr">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((row) => {
              const id = row[key];
              const pending = row.$hasPendingWrites === true ||
                row.$synced === false;
              if (editing !== undefined && editing === id && update) {
                return (
                  <EditRow
                    key={String(id)}
                    api={api}
                    model={model}
                    row={row}
                    id={id}
                    columns={columns}
                    editable={editable}
                    include={include}
                    onCancel={() => setEditing(undefined)}
                    onSave={(data) => {
                      setEditing(undefined);
                      if (Object.keys(data).length) {
                        update.mutate({ id, data }, { onError: report });
                      }
                    }}
                  />
                );
              }
              return (
                <tr
                  key={String(id)}
                  data-testid="preview-row"
                  data-key={String(id)}
                  className={pending ? "x-pending" : undefined}
                >
                  <td className="x-key" title={String(id)}>
                    {pending
                      ? (
                        <span
                          className="x-badge"
                          data-testid="preview-pending"
                          title="Waiting for the server"
                        >
                          saving…
                        </span>
                      )
                      : shortKey(id)}
                  </td>
                  {columns.map((c) => (
                    <td
                      key={c.name}
                      data-field={c.name}
                      className={c.kind === "number" ? "x-num" : undefined}
                    >
                      {c.kind === "reference" ? shortKey(row[c.name]) : cellText(row[c.name])}
                    </td>
                  ))}
                  {include.map((name) => (
                    <IncludedCell
                      key={name}
                      model={model}
                      entity={entity}
                      name={name}
                      row={row}
                    />
                  ))}
                  <td className="x-actions">
                    {update && editable.size > 0 && (
                      <button
                        type="button"
                        className="x-icon"
                        data-testid="preview-edit"
                        aria-label={`Edit ${shortKey(id)}`}
                        onClick={() => setEditing(id)}
                      >
                        Edit
                      </button>
                    )}
                    {remove && (
                      <button
                        type="button"
                        className="x-icon x-danger"
                        data-testid="preview-delete"
                        aria-label={`Delete ${shortKey(id)}`}
                        onClick={() => remove.mutate(id, { onError: report })}
                      >
                        Delete
                      </button>
                    )}
                    {actions.length > 0 && (
                      <select
                        className="x-action"
                        data-testid="preview-action"
                        aria-label={`Run an action on ${shortKey(id)}`}
                        value=""
                        onChange={(e) => {
                          const index = Number(e.currentTarget.value);
                          const action = actions[index];
                          if (action) runners[index]!.mutate(actionVariables(action, row), { onError: report });
                        }}
                      >
                        <option value="">⋯</option>
                        {actions.map((a, i) => <option key={a.hook} value={String(i)}>{a.label}</option>)}
                      </select>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {status === "ready" && list.data.length === 0 && <p className="x-empty">No rows.</p>}
        {status === "loading" && <p className="x-empty">Loading…</p>}
        {status === "waiting" && (
          <p className="x-empty">
            Choose {missing.join(", ")} above to list {entity.names.pascalPlural}.
          </p>
        )}
      </div>
    </section>
  );
}

/** One mutation hook per action (the list is fixed for an entity, so the hooks keep their order). */
function useActionHooks(api: GeneratedApi, actions: RowAction[]): Mutation[] {
  return actions.map((action) => api[action.hook]() as Mutation);
}

/** The variables of an action's hook for a row: its path keys, and the body when one is required. */
function actionVariables(action: RowAction, row: Row): Row {
  const variables: Row = Object.fromEntries(action.path.map((p) => [p.key, row[p.field]]));
  if (action.body) variables.body = action.body;
  return variables;
}

/** The frame's width, updated on resize. */
function useFrameWidth(): number {
  const [width, setWidth] = useState(() => globalThis.innerWidth || 600);
  useEffect(() => {
    const onResize = () => setWidth(globalThis.innerWidth);
    globalThis.addEventListener("resize", onResize);
    return () => globalThis.removeEventListener("resize", onResize);
  }, []);
  return width;
}

function IncludedCell(
  { model, entity, name, row }: {
    model: EntityModel;
    entity: Entity;
    name: string;
    row: Row;
  },
) {
  const relation = entity.relationships.find((r) => r.name === name);
  const target = model.entities.find((e) => e.name === relation?.target);
  const value = row[name];
  const text = Array.isArray(value)
    ? `${value.length} ${name}`
    : rowLabel(value as Row | undefined, target?.primaryKey.name ?? "id");
  return <td className="x-included" data-include={name}>{text}</td>;
}
