/**
 * A model summary that does not depend on output order, and key reordering of a document: what `deno task
 * key-order` and `tests/key_order_test.ts` compare (issue 10, cause 13).
 *
 * @module
 */
import type { EntityModel } from "../mod.ts";
import { observe } from "./accuracy/observe.ts";

/** A small seeded PRNG (mulberry32), so a shuffle can be repeated. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A copy of `value` whose objects have their keys in the order `order` gives. */
export function reorder(value: unknown, order: (keys: string[]) => string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => reorder(v, order));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const k of order(Object.keys(value))) out[k] = reorder((value as Record<string, unknown>)[k], order);
  return out;
}

export function shuffled(seed: number): (keys: string[]) => string[] {
  const next = random(seed);
  return (keys) => {
    const a = [...keys];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };
}

/** One line per fact of the model, sorted: equal models give equal lists whatever their output order. */
export function summary(model: EntityModel): string[] {
  const lines: string[] = [];
  const observed = observe(model);
  for (const e of model.entities) {
    const o = observed.find((x) => x.name === e.name)!;
    lines.push(`entity ${e.name}`);
    lines.push(`entity ${e.name} key ${e.primaryKey.name}: ${e.primaryKey.type}`);
    for (const [slot, route] of Object.entries(o.crud)) lines.push(`entity ${e.name} ${slot} ${route}`);
    for (const c of e.customOperations) lines.push(`entity ${e.name} custom ${c.method.toUpperCase()} ${c.path}`);
    for (const r of o.relationships) {
      lines.push(`entity ${e.name} relationship ${r.field} → ${r.target}${r.targetField ? `.${r.targetField}` : ""}`);
    }
  }
  for (const op of model.operations) lines.push(`operation ${op.method.toUpperCase()} ${op.path}`);
  return lines.sort();
}
