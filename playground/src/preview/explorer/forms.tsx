/**
 * The explorer's inputs: the create form, the inline edit row, and one input per field kind (a reference is a
 * select of the target's rows, live from its list hook).
 *
 * @module
 */
import { useEffect, useMemo, useState } from "react";
import type { Entity, EntityModel } from "../../../../src/model/types.ts";
import { type GeneratedApi, listHook, type Mutation, type Report, type Row } from "./api.ts";
import {
  cellText,
  createFields,
  fieldErrors,
  type FieldSpec,
  inputText,
  parseInput,
  rowLabel,
  shortKey,
} from "./fields.ts";

/** A row being edited: inputs for the fields the update schema has. */
export function EditRow(
  { api, model, row, id, columns, editable, include, onCancel, onSave }: {
    api: GeneratedApi;
    model: EntityModel;
    row: Row;
    id: unknown;
    columns: FieldSpec[];
    editable: Set<string>;
    include: string[];
    onCancel: () => void;
    onSave: (data: Row) => void;
  },
) {
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(columns.map((c) => [c.name, inputText(row[c.name])]))
  );
  const save = () => {
    const data: Row = {};
    for (const c of columns) {
      if (!editable.has(c.name) || values[c.name] === inputText(row[c.name])) {
        continue;
      }
      const value = parseInput({ ...c, required: true }, values[c.name]!);
      if (value !== undefined) data[c.name] = value;
    }
    onSave(data);
  };
  return (
    <tr data-testid="preview-row" data-key={String(id)} className="x-editing">
      <td className="x-key">{shortKey(id)}</td>
      {columns.map((c) => (
        <td key={c.name} data-field={c.name}>
          {editable.has(c.name)
            ? (
              <FieldInput
                api={api}
                model={model}
                field={c}
                value={values[c.name] ?? ""}
                testId="preview-edit-input"
                onChange={(text) => setValues((v) => ({ ...v, [c.name]: text }))}
                onEnter={save}
              />
            )
            : cellText(row[c.name])}
        </td>
      ))}
      {include.map((name) => <td key={name} className="x-included" />)}
      <td className="x-actions">
        <button
          type="button"
          className="x-icon x-primary"
          data-testid="preview-save"
          onClick={save}
        >
          Save
        </button>
        <button type="button" className="x-icon" onClick={onCancel}>
          Cancel
        </button>
      </td>
    </tr>
  );
}

/** The create form, from the create schema; Zod and 422 errors show at their fields. */
export function CreateForm(
  { api, model, entity, create, report, onDone }: {
    api: GeneratedApi;
    model: EntityModel;
    entity: Entity;
    create: Mutation;
    report: Report;
    onDone: () => void;
  },
) {
  const fields = useMemo(() => createFields(model, entity), [model, entity]);
  // the spec's defaults filled in, as a server would apply them
  const defaults = () =>
    Object.fromEntries(fields.flatMap((f) => f.defaultText !== undefined ? [[f.name, f.defaultText]] : []));
  const [values, setValues] = useState<Record<string, string>>(defaults);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = (event: { preventDefault(): void }) => {
    event.preventDefault();
    const input: Row = {};
    for (const f of fields) {
      const value = parseInput(f, values[f.name] ?? "");
      if (value !== undefined) input[f.name] = value;
    }
    setErrors({});
    create.mutate(input, {
      onSuccess: () => {
        setValues(defaults());
        onDone();
      },
      onError: (error) => {
        const byField = fieldErrors(error);
        if (Object.keys(byField).length) setErrors(byField);
        else report(error);
      },
    });
  };
  return (
    <form
      className="x-form"
      onSubmit={submit}
      data-testid="preview-create-form"
      noValidate
    >
      {fields.length === 0 && <p className="x-empty">The create body has no fields.</p>}
      {fields.map((f) => (
        <label key={f.name} className="x-form-field" data-field={f.name}>
          <span className="x-label" title={f.description}>
            {f.name}
            {f.required && <span className="x-required" aria-label="required">*</span>}
          </span>
          <FieldInput
            api={api}
            model={model}
            field={f}
            value={values[f.name] ?? ""}
            optional={!f.required}
            invalid={errors[f.name] !== undefined}
            onChange={(text) => setValues((v) => ({ ...v, [f.name]: text }))}
          />
          {errors[f.name] && (
            <span className="x-field-error" data-testid="preview-field-error">
              {errors[f.name]}
            </span>
          )}
        </label>
      ))}
      {errors[""] && <span className="x-field-error">{errors[""]}</span>}
      <div className="x-form-actions">
        <button
          type="submit"
          className="x-button x-primary"
          data-testid="preview-submit"
          disabled={create.isPending}
        >
          Create
        </button>
      </div>
    </form>
  );
}

/** The input of one field. */
export function FieldInput(
  {
    api,
    model,
    field,
    value,
    onChange,
    onEnter,
    optional,
    invalid,
    testId,
    autoFirst,
    emptyLabel = "—",
  }: {
    api: GeneratedApi;
    /** The text of an optional select's empty choice. */
    emptyLabel?: string;
    /** A reference picks the first row while empty (a required parent filter). */
    autoFirst?: boolean;
    model: EntityModel;
    field: FieldSpec;
    value: string;
    onChange: (text: string) => void;
    onEnter?: () => void;
    optional?: boolean;
    invalid?: boolean;
    testId?: string;
  },
) {
  const common = {
    "aria-label": field.name,
    "aria-invalid": invalid || undefined,
    "data-testid": testId,
    "data-field": field.name,
  };
  if (field.kind === "reference" && field.relation) {
    const target = model.entities.find((e) => e.name === field.relation!.target)!;
    return (
      <ReferenceSelect
        api={api}
        target={target}
        value={value}
        onChange={onChange}
        autoFirst={autoFirst ?? false}
        emptyLabel={emptyLabel}
        common={common}
      />
    );
  }
  if (field.kind === "enum" || field.kind === "boolean") {
    const values = field.kind === "boolean" ? [true, false] : field.values;
    return (
      <select
        {...common}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
      >
        {(optional || value === "") && <option value="">{optional ? emptyLabel : "choose…"}</option>}
        {values.map((v) => <option key={String(v)} value={String(v)}>{String(v)}</option>)}
      </select>
    );
  }
  return (
    <input
      {...common}
      type={field.kind === "number" ? "number" : "text"}
      step={field.kind === "number" && !field.integer ? "any" : undefined}
      placeholder={field.format ?? (field.kind === "json" ? "JSON" : undefined)}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === "Enter" && onEnter) onEnter();
      }}
    />
  );
}

function ReferenceSelect(
  { api, target, value, onChange, common, autoFirst, emptyLabel }: {
    api: GeneratedApi;
    target: Entity;
    emptyLabel: string;
    autoFirst: boolean;
    value: string;
    onChange: (text: string) => void;
    common: Record<string, unknown>;
  },
) {
  const { data } = listHook(api, target)!({});
  const key = target.primaryKey.name;
  const first = data.length ? String(data[0]![key]) : "";
  useEffect(() => {
    if (autoFirst && value === "" && first !== "") onChange(first);
  }, [autoFirst, value, first]);
  return (
    <select
      {...common}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
    >
      <option value="">{emptyLabel}</option>
      {data.map((row) => (
        <option key={String(row[key])} value={String(row[key])}>
          {rowLabel(row, key)}
        </option>
      ))}
    </select>
  );
}
