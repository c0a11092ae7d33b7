/**
 * Primary-key matching: which field of an item schema is the key its item route names.
 *
 * Real specs rarely name the route parameter and the key field alike: `/notes/{id}` with a Mongo `_id`,
 * `/event-types/{event_type_name}` with `name`, `/customers/{external_customer_id}` with `external_id`,
 * `/categories/{categoryUuid}` with `uuid`. The parameter's words, less the words of the entity's own name,
 * are what the key is called on the item.
 *
 * @module
 */
import { words } from "../names/identifiers.ts";
import type { ObjectSchema, Property, Schema } from "./types.ts";

/** The field chosen as the key, and the other fields that matched as well (an ambiguous match when not empty). */
export interface KeyMatch {
  key: Property;
  /** Other fields that matched at the same strength: the choice was a guess worth a diagnostic. */
  rivals: string[];
}

/** Lower-case words of a name (`external_customer_id`, `externalCustomerId` → `external customer id`). */
function lowerWords(name: string): string[] {
  return words(name).map((w) => w.toLowerCase());
}

/** `a` without the first run of `remove` inside it (`external customer id` less `customer` → `external id`). */
function withoutRun(a: string[], remove: string[]): string[] | undefined {
  if (remove.length === 0 || remove.length >= a.length) return undefined;
  for (let i = 0; i + remove.length <= a.length; i++) {
    if (remove.every((w, j) => a[i + j] === w)) return [...a.slice(0, i), ...a.slice(i + remove.length)];
  }
  return undefined;
}

/** True when a field can hold a key: a string, a number, or a reference/unknown that may be one. */
export function isKeySchema(s: Schema): boolean {
  return s.kind === "string" || s.kind === "number" || s.kind === "ref" || s.kind === "unknown";
}

/**
 * The key field of an item schema, strongest evidence first:
 * 1. `id`;
 * 2. a field named exactly as the item route's parameter;
 * 3. a field whose words are the parameter's words less the entity's name (`{event_type_name}` → `name`,
 *    `{external_customer_id}` → `external_id`, `{categoryUuid}` → `uuid`), or the same words in another case,
 *    else the parameter's last words (`{config_setting_name}` → `name`);
 * 4. a Mongo `_id`, `<singular>_id`, `<singular>Id`, `uuid`, `key`;
 * 5. a field whose name begins with the parameter's words (`{id}` → `id_code`).
 *
 * Within one step the candidates are taken in field order after sorting by name, so the choice does not depend on
 * the order of keys in the document; the others are returned as rivals. A `forced` key (from the config) is that
 * field or no match.
 *
 * @example
 * ```ts
 * import { matchKey } from "./keys.ts";
 * const field = (name: string) => ({ name, required: true, schema: { kind: "string" as const } });
 * const item = { kind: "object" as const, additionalProperties: true, properties: [field("external_id"), field("email")] };
 * matchKey(item, "customer", "external_customer_id")?.key.name; // => "external_id"
 * ```
 */
export function matchKey(obj: ObjectSchema, singular: string, idParam?: string, forced?: string): KeyMatch | undefined {
  if (forced !== undefined) {
    // the config names the key: that field or nothing
    const key = obj.properties.find((p) => p.name === forced);
    return key ? { key, rivals: [] } : undefined;
  }
  const props = obj.properties.filter((p) => isKeySchema(p.schema)).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0
  );
  const byName = new Map(props.map((p) => [p.name, p]));
  const pick = (found: Property[]): KeyMatch | undefined => {
    if (found.length === 0) return undefined;
    return { key: found[0], rivals: found.slice(1).map((p) => p.name) };
  };
  const exact = (n: string) => byName.get(n);

  const id = exact("id");
  if (id) return { key: id, rivals: [] };
  if (idParam) {
    const same = exact(idParam);
    if (same) return { key: same, rivals: [] };
    const param = lowerWords(idParam);
    const own = lowerWords(singular);
    const core = withoutRun(param, own) ?? withoutRun(param, own.slice(-1));
    const wanted = new Set([param.join(" "), ...(core ? [core.join(" ")] : [])]);
    const step3 = pick(props.filter((p) => wanted.has(lowerWords(p.name).join(" "))));
    if (step3) return step3;
    // the parameter's last words (`{config_setting_name}` → `name`), longest first
    for (let i = 1; i < param.length; i++) {
      const tail = param.slice(i).join(" ");
      const found = pick(props.filter((p) => lowerWords(p.name).join(" ") === tail));
      if (found) return found;
    }
  }
  for (
    const n of ["_id", `${singular}_id`, `${lowerWords(singular).join("_")}_id`, `${camel(singular)}Id`, "uuid", "key"]
  ) {
    const p = exact(n);
    if (p) return { key: p, rivals: [] };
  }
  if (idParam) {
    const param = lowerWords(idParam);
    return pick(props.filter((p) => {
      const w = lowerWords(p.name);
      return w.length > param.length && param.every((x, i) => w[i] === x);
    }));
  }
  return undefined;
}

function camel(name: string): string {
  const w = lowerWords(name);
  return w.map((x, i) => (i === 0 ? x : x[0].toUpperCase() + x.slice(1))).join("");
}
