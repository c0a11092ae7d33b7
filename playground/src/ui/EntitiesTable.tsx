/**
 * What `inspect` shows: the entities (name, singular, key, sync mode, operations, custom operations) and their
 * relationships.
 *
 * @module
 */
import type { JSX } from "preact";
import type { EntityModel } from "../../../mod.ts";

const CRUD_ORDER = ["list", "get", "create", "update", "delete"] as const;

/** The entities table and the relationships list. */
export function EntitiesTable(props: { model: EntityModel; onSelectEntity: (name: string) => void }): JSX.Element {
  const { model } = props;
  const relationships = model.entities.flatMap((e) => e.relationships.map((r) => ({ entity: e.name, r })));
  return (
    <div class="entities" data-testid="entities-table">
      <p class="model-title">
        {model.title} {model.version && <span class="muted">v{model.version}</span>}{" "}
        {model.openapi && <span class="muted">· OpenAPI {model.openapi}</span>}
      </p>
      {model.entities.length === 0 ? <p class="empty">No entity found.</p> : (
        <div class="table-scroll">
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">name / singular</th>
                <th scope="col">key</th>
                <th scope="col">sync</th>
                <th scope="col">
                  operations <span class="muted">(custom in colour)</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {model.entities.map((e) => (
                <tr key={e.name} data-entity={e.name}>
                  <td>
                    <button type="button" class="link" onClick={() => props.onSelectEntity(e.name)}>{e.name}</button>
                    <div class="muted mono">{e.singular}</div>
                  </td>
                  <td class="mono nowrap">{e.primaryKey.name}: {e.primaryKey.type}</td>
                  <td>
                    <span class={`pill sync-${e.syncMode}`}>{e.syncMode}</span>
                  </td>
                  <td>
                    <span class="ops">
                      {CRUD_ORDER.filter((k) => e.operations[k]).map((k) => <span key={k} class="op">{k}</span>)}
                      {e.customOperations.map((o) => (
                        <span key={o.id} class="op op-custom" title={`custom: ${o.method.toUpperCase()} ${o.path}`}>
                          {o.name}
                        </span>
                      ))}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>Relationships ({relationships.length})</h3>
      {relationships.length === 0 ? <p class="empty">None found.</p> : (
        <ul class="relationships">
          {relationships.map(({ entity, r }) => (
            <li key={`${entity}.${r.name}`}>
              <span class="mono">{entity}.{r.name}</span> → <span class="mono">{r.target}</span>{" "}
              <span class="muted">
                ({r.kind} via <span class="mono">{r.foreignKey}</span>
                {r.nullable ? ", nullable" : ""}
                {r.source === "naming" ? "" : `, from ${r.source}`})
              </span>
            </li>
          ))}
        </ul>
      )}
      {model.operations.length > 0 && (
        <>
          <h3>Other operations ({model.operations.length})</h3>
          <ul class="relationships">
            {model.operations.map((o) => (
              <li key={o.id} class="mono">
                {o.method.toUpperCase()} {o.path} <span class="muted">({o.id})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
