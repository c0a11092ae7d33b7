/**
 * The list endpoint's query over rows: the spec's filters (equality, sets of values, free-text search), sorting and
 * paging, read from the query string the way the generated client writes it.
 *
 * @module
 */
import type { Property } from "../../../../src/model/types.ts";
import type { ListParams } from "./schema.ts";
import type { Row } from "./seed.ts";

/** One page of a list and what a wrapper reports about it. */
export interface ListPage {
  page: Row[];
  /** Rows matching the filters, over all pages. */
  total: number;
  /** The page size asked for, if any. */
  limit: number | undefined;
  offset: number;
}

/**
 * Filters, sorts and pages `rows` (copies in the page; the rows are not changed).
 *
 * @param rows The table (already narrowed to a parent, for a nested list).
 * @param plan Which query parameters filter, sort and page.
 * @param query The request's query string.
 * @param fields The item's fields (sorting only by them).
 */
export function queryRows(
  rows: readonly Row[],
  plan: ListParams,
  query: URLSearchParams,
  fields: ReadonlyMap<string, Property>,
): ListPage {
  let out = [...rows];
  for (const [param, field] of plan.eq) {
    const values = query.getAll(param);
    if (values.length) {
      out = out.filter((row) => values.some((v) => sameValue(row[field], v)));
    }
  }
  for (const [param, field] of plan.in) {
    const values = query.getAll(param).flatMap((v) => v.split(","));
    if (values.length) {
      out = out.filter((row) => values.some((v) => sameValue(row[field], v)));
    }
  }
  const search = plan.search ? query.get(plan.search) : null;
  if (search) {
    const needle = search.toLowerCase();
    out = out.filter((row) =>
      Object.values(row).some((v) => typeof v === "string" && v.toLowerCase().includes(needle))
    );
  }
  const sort = plan.sort ? query.get(plan.sort) : null;
  if (sort) {
    const descending = plan.direction ? /^desc/i.test(query.get(plan.direction) ?? "") : false;
    const keys = sort.split(",").map((token) => {
      const desc = token.startsWith("-");
      return {
        field: desc ? token.slice(1) : token,
        desc: desc !== descending,
      };
    }).filter((k) => fields.has(k.field));
    out = out.sort((a, b) => {
      for (const k of keys) {
        const order = compare(a[k.field], b[k.field]);
        if (order !== 0) return k.desc ? -order : order;
      }
      return 0;
    });
  }
  const total = out.length;
  const offset = plan.offset ? Math.max(0, Number(query.get(plan.offset) ?? 0) || 0) : 0;
  const limitText = plan.limit ? query.get(plan.limit) : null;
  const limit = limitText !== null && limitText !== "" ? Math.max(0, Number(limitText) || 0) : undefined;
  const page = out.slice(offset, limit === undefined ? undefined : offset + limit).map((row) => structuredClone(row));
  return { page, total, limit, offset };
}

function sameValue(value: unknown, text: string): boolean {
  return value !== null && value !== undefined && String(value) === text;
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b));
}
