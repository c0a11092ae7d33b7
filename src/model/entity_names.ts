/**
 * The names an entity is printed under, decided once in the model and only read by emitters.
 *
 * @module
 */
import { identifier, words } from "../names/identifiers.ts";
import { singular } from "../names/inflect.ts";
import type { EntityNames } from "./types.ts";

/**
 * All printed names of an entity from its plural snake_case name.
 *
 * @example
 * ```ts
 * import { entityNames } from "./entity_names.ts";
 * entityNames("order_items").pascal; // => "OrderItem"
 * ```
 */
export function entityNames(name: string): EntityNames {
  const one = singular(name);
  const pascal = identifier(one, "pascal");
  const pascalPlural = identifier(name, "pascal") === pascal ? `${pascal}List` : identifier(name, "pascal");
  const camel = identifier(one, "camel");
  const camelPlural = identifier(name, "camel") === camel ? `${camel}List` : identifier(name, "camel");
  const kebab = (s: string) => words(s).map((w) => w.toLowerCase()).join("-") || "entity";
  return {
    pascal,
    pascalPlural,
    camel,
    camelPlural,
    fileSingular: kebab(one),
    filePlural: kebab(name) === kebab(one) ? `${kebab(one)}-list` : kebab(name),
  };
}
