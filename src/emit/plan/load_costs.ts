/**
 * What loading costs, known at generate time from the list operations: a hasMany include that can never load
 * (its target is listed only under another parent's path), one that loads per parent (the list filters by one
 * foreign key at a time), one that loads the whole related table (no filter at all), and a list that cannot sort
 * (a sorted page needs every matching row). The loader (`fixed/collections/shared.ts`) does exactly this.
 *
 * @module
 */
import type { Relationship } from "../../model/types.ts";
import type { Resource, ResourcePlan } from "./resources.ts";

/** One load-cost finding; `generate()` makes it a warning diagnostic (emit/ does not import spec/). */
export interface LoadCost {
  /** Stable code, `data-layer/…`. */
  code: string;
  /** One line for a person. */
  message: string;
  /** JSON pointer of the list operation it is about. */
  pointer: string;
}

/** How a hasMany include loads its rows: by sets of parents, per parent, the whole table, or never. */
export type IncludeLoad = "set" | "per-parent" | "table" | "never";

/** Requests of one subset at a time (the loader's `MAX_IN_FLIGHT`). */
const IN_FLIGHT = 6;

/**
 * How the rows of a relation load as an include. belongsTo relations load by the related keys: "set".
 *
 * @example
 * ```ts
 * import { includeLoad } from "./load_costs.ts";
 * includeLoad({ name: "x", kind: "belongsTo", target: "t", foreignKey: "t_id", nullable: false, source: "naming" }, undefined); // => "set"
 * ```
 */
export function includeLoad(rel: Relationship, target: Resource | undefined): IncludeLoad {
  if (rel.kind === "belongsTo") return "set";
  const list = target?.list;
  if (!list) return "never";
  const pathFields = list.path.flatMap((a) => (a.source.kind === "field" ? [a.source.field] : []));
  if (pathFields.some((field) => field !== rel.foreignKey)) return "never";
  if (list.in.some(([field]) => field === rel.foreignKey)) return "set";
  if (pathFields.length > 0 || list.eq.some(([field]) => field === rel.foreignKey)) return "per-parent";
  return "table";
}

function describe(r: Resource): string {
  const op = r.list!.op;
  return `${op.method.toUpperCase()} ${op.path}`;
}

/**
 * The load costs of a resource plan worth a warning, in entity order.
 *
 * @param plan The resources.
 */
export function loadCosts(plan: ResourcePlan): LoadCost[] {
  const out: LoadCost[] = [];
  for (const r of plan.resources) {
    for (const rel of r.entity.relationships) {
      const target = plan.byName.get(rel.target);
      if (!target || rel.kind !== "hasMany") continue;
      const load = includeLoad(rel, target);
      const what = `Include "${rel.name}" of ${r.entity.name}`;
      if (load === "never") {
        out.push({
          code: "data-layer/include-never-loads",
          message: target.list
            ? `${what} can never load: ${describe(target)} needs ${
              target.list.path.map((a) => a.param.name).join(", ")
            }, which ${r.entity.name} rows do not give; it is left out of the include type`
            : `${what} can never load: ${target.entity.name} has no list operation; it is left out of the include type`,
          pointer: (target.list?.op ?? target.entity.operations.get ?? r.list?.op)?.pointer ?? "",
        });
      } else if (load === "per-parent") {
        out.push({
          code: "data-layer/include-per-parent",
          message: `${what} sends one ${describe(target)} per ${r.entity.singular} (at most ${IN_FLIGHT} at a time): ` +
            `the list filters by one ${rel.foreignKey} at a time (a multi-value filter would make it one request)`,
          pointer: target.list!.op.pointer,
        });
      } else if (load === "table") {
        out.push({
          code: "data-layer/include-whole-table",
          message: `${what} loads every ${target.entity.singular}: ${describe(target)} cannot filter by ` +
            rel.foreignKey,
          pointer: target.list!.op.pointer,
        });
      }
    }
    if (r.list && !r.list.sort && r.list.limit) {
      out.push({
        code: "data-layer/list-cannot-sort",
        message: `${describe(r)} has no sort parameter: a sorted page (orderBy with limit) loads every matching ` +
          `${r.entity.singular} once and sorts locally`,
        pointer: r.list.op.pointer,
      });
    }
  }
  return out;
}
