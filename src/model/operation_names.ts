/**
 * Readable names for custom operations whose first choice is taken or reserved: `getByCustomer` for the scoped
 * twin of a list, `getAppstore` for a second get under another prefix, `voidInvoice` for an action named by a
 * reserved word, instead of `get_`, `void_` or `create2`.
 *
 * @module
 */
import { identifier } from "../names/identifiers.ts";
import type { Inflector } from "../names/inflect.ts";
import type { RawOperation } from "./paths.ts";

/**
 * The words to name an operation by: `chosen` when its identifier is free and needs no reserved-word escape, else
 * the first free of: the words plus `by <parent>` (the resource a scoped route hangs under), plus the path's other
 * literal words, plus the entity's singular. `chosen` when none is free (the registry then numbers it).
 *
 * @example
 * ```ts
 * import { distinctWords } from "./operation_names.ts";
 * import { Inflector } from "../names/inflect.ts";
 * const raw = { segments: [{ literal: "customers" }, { param: "id" }, { literal: "invoices" }] };
 * distinctWords(raw, ["list"], "invoices", (n) => n === "list", new Inflector()); // => ["list", "by", "customer"]
 * ```
 */
export function distinctWords(
  raw: Pick<RawOperation, "segments">,
  chosen: string[],
  entity: string,
  taken: (name: string) => boolean,
  inflect: Inflector,
): string[] {
  const free = (ws: string[]) => {
    const name = identifier(ws.join(" "), "camel");
    return !taken(name) && !name.endsWith("_");
  };
  if (chosen.length === 0 || free(chosen)) return chosen;
  const entityWords = new Set([...entity.split("_"), ...inflect.singular(entity).split("_")]);
  const literals = raw.segments.flatMap((s) => ("literal" in s ? [inflect.snakeCase(s.literal)] : []));
  const candidates: string[][] = [];
  // the resource a scoped route hangs under: the last literal followed by a parameter, other than the entity's
  for (let i = raw.segments.length - 2; i >= 0; i--) {
    const s = raw.segments[i];
    const next = raw.segments[i + 1];
    if ("literal" in s && "param" in next) {
      const word = inflect.snakeCase(s.literal);
      if (word && !entityWords.has(word) && inflect.plural(word) !== entity) {
        candidates.push([...chosen, "by", inflect.singular(word)]);
        break;
      }
    }
  }
  const others = literals.filter((w) =>
    w && !entityWords.has(w) && inflect.plural(w) !== entity &&
    !chosen.includes(w)
  );
  if (others.length > 0) candidates.push([...chosen, ...others]);
  candidates.push([...chosen, inflect.singular(entity)]);
  return candidates.find(free) ?? chosen;
}
