/**
 * The text report of `inspect`: entities, relationships, other operations and diagnostics.
 *
 * @module
 */
import { CRUD_KINDS, type CrudKind } from "../src/model/crud.ts";
import type { Diagnostic } from "../src/spec/diagnostics.ts";
import { formatDiagnostic } from "../src/spec/diagnostics.ts";
import type { EntityModel } from "../src/model/types.ts";

/**
 * Renders the model as readable tables, one line per entity and per relationship.
 *
 * @param model the model `generate()` returned
 * @param diagnostics its diagnostics
 * @param source the spec's file name, shown in diagnostics
 * @param configSource the config file's name, shown in `config/` diagnostics
 * @returns the lines of the report (without newlines)
 */
export function formatInspect(
  model: EntityModel,
  diagnostics: Diagnostic[],
  source?: string,
  configSource?: string,
): string[] {
  const out: string[] = [];
  const title = [model.title, model.version && `v${model.version}`, model.openapi && `(OpenAPI ${model.openapi})`]
    .filter(Boolean).join(" ");
  if (title) out.push(title, "");

  out.push(`Entities (${model.entities.length})`);
  if (model.entities.length === 0) {
    out.push("  (none found)");
  } else {
    const rows = model.entities.map((e) => [
      e.name,
      e.singular,
      e.channel ?? e.singular,
      `${e.primaryKey.name}: ${e.primaryKey.type}`,
      e.syncMode,
      CRUD_KINDS.filter((k) => e.operations[k]).join(", ") || "-",
      e.customOperations.map((o) => o.name).join(", ") || "-",
    ]);
    out.push(
      ...table(["name", "singular", "channel", "primary key", "sync", "operations", "custom"], rows).map((l) =>
        `  ${l}`
      ),
    );
  }

  // where each decision came from: heuristic (the spec's shape), extension (an x- field) or config
  const decided = model.entities.filter((e) => e.decisions);
  if (decided.length > 0) {
    out.push("", "Decisions (heuristic, extension or config)");
    const rows = decided.map((e) => {
      const d = e.decisions!;
      return [
        e.name,
        d.name,
        d.key,
        d.syncMode,
        d.channel,
        operationSources(d.operations),
      ];
    });
    out.push(
      ...table(["entity", "name", "key", "sync", "channel", "operations"], rows).map((l) => `  ${l}`),
    );
  }

  out.push("", "Relationships");
  const rels = model.entities.flatMap((e) =>
    e.relationships.map((r) =>
      `  ${e.name}.${r.name} → ${r.target}${r.targetField ? `.${r.targetField}` : ""} (${r.kind} via ${r.foreignKey}${
        r.nullable ? ", nullable" : ""
      }${r.source === "naming" ? "" : `, from ${r.source}`})`
    )
  );
  out.push(...(rels.length ? rels : ["  (none found)"]));

  if (model.operations.length > 0) {
    out.push("", `Other operations (${model.operations.length})`);
    for (const o of model.operations) out.push(`  ${o.method.toUpperCase()} ${o.path} (${o.id})`);
  }

  out.push("", `Diagnostics (${diagnostics.length})`);
  out.push(
    ...(diagnostics.length
      ? diagnostics.map((d) =>
        `  ${formatDiagnostic(d, d.code.startsWith("config/") && configSource ? configSource : source)}`
      )
      : ["  (none)"]),
  );
  return out;
}

/** `all heuristic`, or the slots that differ from the rest: `create: config, rest heuristic`. */
function operationSources(ops: Partial<Record<CrudKind, string>>): string {
  const slots = CRUD_KINDS.filter((k) => ops[k]);
  if (slots.length === 0) return "-";
  const sources = new Set(slots.map((k) => ops[k]));
  if (sources.size === 1) return `all ${[...sources][0]}`;
  const odd = slots.filter((k) => ops[k] !== "heuristic");
  return `${odd.map((k) => `${k}: ${ops[k]}`).join(", ")}, rest heuristic`;
}

/** Left-aligned columns separated by two spaces, with a header and a rule. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ""))));
  const line = (cells: string[]) => cells.map((c, i) => c + " ".repeat(widths[i] - width(c))).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "─".repeat(w))), ...rows.map(line)];
}

function width(text: string): number {
  return [...text].length;
}
