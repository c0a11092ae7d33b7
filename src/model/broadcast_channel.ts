/**
 * The broadcast channel of an entity: `x-broadcast-channel` on one of its operations, their path items, or its item
 * schema; absent, the entity's singular name (the channel of SYNC-012).
 *
 * @module
 */
import { joinPointer } from "../spec/diagnostics.ts";
import type { RawOperation } from "./paths.ts";
import { isObject, type SchemaSource } from "./schema.ts";

const EXTENSION = "x-broadcast-channel";

/** A channel name we accept: 1–128 characters, no white space, control or format characters (it is printed). */
const VALID = /^[^\s\p{Cc}\p{Cf}]{1,128}$/u;

/**
 * Reads `x-broadcast-channel`: the operations first (in the order given, each before its path item), then the item
 * schema at `schemaPointer`. An invalid value is warned about and skipped.
 *
 * @param ops The entity's operations, most telling first.
 * @param schemaPointer Where the item schema is (a component), when it has a place.
 * @param source The spec, to resolve the schema and record warnings.
 * @returns The channel, or `undefined` when the spec names none.
 *
 * @example
 * ```ts
 * import { broadcastChannel } from "./broadcast_channel.ts";
 * const source = { resolve: () => undefined, warn: () => {} };
 * const op = { op: { "x-broadcast-channel": "sales.order" }, pointer: "/paths/~1orders/get", pathItem: {}, pathItemPointer: "/paths/~1orders" };
 * broadcastChannel([op as never], undefined, source); // => "sales.order"
 * ```
 */
export function broadcastChannel(
  ops: readonly RawOperation[],
  schemaPointer: string | undefined,
  source: SchemaSource,
): string | undefined {
  const places: [unknown, string][] = [];
  for (const raw of ops) places.push([raw.op, raw.pointer], [raw.pathItem, raw.pathItemPointer]);
  if (schemaPointer !== undefined) {
    const schema = source.resolve({ $ref: `#${schemaPointer}` }, schemaPointer);
    if (schema) places.push([schema.value, schema.pointer]);
  }
  const seen = new Set<unknown>();
  for (const [node, pointer] of places) {
    if (!isObject(node) || seen.has(node)) continue;
    seen.add(node);
    const value = node[EXTENSION];
    if (value === undefined) continue;
    if (typeof value === "string" && VALID.test(value)) return value;
    source.warn(
      "model/invalid-broadcast-channel",
      `Invalid ${EXTENSION} ${
        JSON.stringify(value).slice(0, 80).replace(/[\p{Cc}\p{Cf}]/gu, "?")
      }: expected a name of 1 to 128 characters without spaces; ignored`,
      joinPointer(pointer, EXTENSION),
    );
  }
  return undefined;
}
