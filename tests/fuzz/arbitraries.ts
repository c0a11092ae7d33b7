/**
 * fast-check arbitraries for the fuzz harness: names from a hostile alphabet, schemas of every field type, whole
 * valid CRUD specs with relations, and mutations of real specs.
 *
 * @module
 */
import fc from "fast-check";

/** Pieces names are made of: quotes, backslashes, comment and template delimiters, Unicode, bidi controls, … */
const HOSTILE_PIECES = [
  "a",
  "Order",
  "item",
  "_id",
  "Id",
  "'",
  '"',
  "\\",
  "*/",
  "/*",
  "//",
  "${",
  "`",
  "}",
  "{",
  "<\/script>",
  "\u2028",
  "\u2029",
  "\u202e",
  "\u2066",
  "\u200f",
  "\u061c",
  "\u0000",
  "\n",
  "\r",
  "\t",
  " ",
  "-",
  ".",
  "..",
  "/",
  "~",
  "%",
  "#",
  "?",
  "é",
  "İ",
  "ß",
  "😀",
  "\ud800",
  "0",
  "9lives",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "class",
  "default",
  "delete",
  "new",
  "await",
  "then",
  "z",
  "React",
  "index",
  "shared",
  "con",
  "aux",
  "nul",
  "COM1",
];

/** A name from the hostile alphabet, sometimes very long. */
export const hostileName: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.array(fc.constantFrom(...HOSTILE_PIECES), { minLength: 1, maxLength: 5 }).map((p) => p.join("")),
  },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_PIECES).map((p) => p.repeat(120)) },
);

/**
 * A path segment: a hostile name without `{` and `}`, which are template syntax in a path (a lone brace is text;
 * `tests/escape/path_braces_test.ts` covers it).
 */
export const pathSegment: fc.Arbitrary<string> = hostileName.map((n) => n.replace(/[{}]/g, "") || "x");

/** Free text (descriptions, titles): hostile pieces and arbitrary strings. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.constantFrom(...HOSTILE_PIECES, " */ INJECTED(); /* ", "@param x", "\n@deprecated"), {
    maxLength: 12,
  }).map((p) => p.join(" ")),
  fc.string({ unit: "binary", maxLength: 40 }),
);

/** Patterns: ordinary, Unicode-only, legacy-only, invalid and catastrophic ones. */
const PATTERNS = [
  "^[a-z]+$",
  "^\\p{L}+$",
  "^\\w\\_$",
  "(unclosed",
  "^(a+)+$",
  "(a|a)*",
  "/*/",
  "^\\u{1F600}$",
  "[",
  "\\",
  "${x}",
  "\u202e",
];

const scalar: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record(
    {
      type: fc.constant("string"),
      format: fc.constantFrom("date-time", "date", "uuid", "email", "uri", "binary", "byte", "password", "x-odd"),
      minLength: fc.nat(5),
      maxLength: fc.integer({ min: 5, max: 50 }),
      pattern: fc.constantFrom(...PATTERNS),
      description: hostileText,
      default: fc.string({ maxLength: 5 }),
    },
    { requiredKeys: ["type"] },
  ),
  fc.record(
    {
      type: fc.constantFrom("integer", "number"),
      minimum: fc.integer({ min: -5, max: 0 }),
      maximum: fc.integer({ min: 1, max: 100 }),
      exclusiveMinimum: fc.oneof(fc.boolean(), fc.integer({ min: -10, max: 0 })),
      multipleOf: fc.constantFrom(1, 0.5, 0, -1),
      format: fc.constantFrom("int32", "int64", "float", "double"),
      default: fc.oneof(fc.integer(), fc.double(), fc.constant("x")),
    },
    { requiredKeys: ["type"] },
  ),
  fc.record({ type: fc.constant("boolean"), default: fc.boolean() }, { requiredKeys: ["type"] }),
  fc.record({
    enum: fc.uniqueArray(fc.oneof(hostileName, fc.integer(), fc.boolean()), { minLength: 1, maxLength: 5 }),
  }),
  fc.record({ const: fc.oneof(hostileName, fc.integer()) }),
  fc.constant({ type: ["string", "null"] }),
  fc.constant({ type: "string", nullable: true }),
  fc.constant({}),
  fc.constant({ type: "object", additionalProperties: { type: "integer" } }),
  fc.constant({ type: "object", additionalProperties: true }),
);

/** A property schema: scalars, arrays, nested objects, unions, and refs to other components (relations). */
export function fieldSchema(refs: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const ref = refs.length ? fc.constantFrom(...refs).map((r) => ({ $ref: r })) : scalar;
  const leaf = fc.oneof({ weight: 4, arbitrary: scalar }, { weight: 1, arbitrary: ref });
  return fc.oneof(
    { weight: 6, arbitrary: leaf },
    { weight: 1, arbitrary: leaf.map((items) => ({ type: "array", items })) },
    {
      weight: 1,
      arbitrary: fc.dictionary(hostileName, leaf, { maxKeys: 3 }).map((properties) => ({ type: "object", properties })),
    },
    { weight: 1, arbitrary: fc.array(leaf, { minLength: 2, maxLength: 3 }).map((oneOf) => ({ oneOf })) },
    { weight: 1, arbitrary: fc.array(leaf, { minLength: 1, maxLength: 2 }).map((allOf) => ({ allOf })) },
  );
}

/** One entity of a {@link validSpec}: its path segment, schema name, key type and description. */
interface EntityShape {
  path: string;
  schema: string;
  intKey: boolean;
  description: string;
  title: string;
  /** A custom action (`POST /<path>/{id}/<action>`), a parent it is nested under, and extension values. */
  action?: string;
  nested?: boolean;
  extensions?: Record<string, unknown>;
}

const pointerSegment = (s: string) => s.replaceAll("~", "~0").replaceAll("/", "~1");

/**
 * A valid OpenAPI 3.1 (or 3.0) document: 1–4 entities with list/create/get/update/delete, hostile names, fields of
 * every type, relations (`<other>_id` fields and `$ref`s to other entities), and a shared schema.
 */
export const validSpec: fc.Arbitrary<Record<string, unknown>> = fc
  .uniqueArray(
    fc.record({
      path: pathSegment,
      schema: hostileName,
      intKey: fc.boolean(),
      description: hostileText,
      title: hostileText,
      action: pathSegment,
      nested: fc.boolean(),
      extensions: fc.record(
        {
          "x-entity": fc.oneof(hostileName, fc.constantFrom("../../x", "", ".", "orders")),
          "x-sync-mode": fc.constantFrom("optimistic", "server", "readonly", "odd", 3),
        },
        { requiredKeys: [] },
      ),
    }, { requiredKeys: ["path", "schema", "intKey", "description", "title"] }),
    { minLength: 1, maxLength: 4, selector: (e: EntityShape) => e.schema },
  )
  .chain((entities) => {
    const refs = entities.map((e) => `#/components/schemas/${pointerSegment(e.schema)}`).concat(
      "#/components/schemas/Shared",
    );
    return fc.record({
      entities: fc.constant(entities),
      fields: fc.tuple(...entities.map(() => fc.dictionary(hostileName, fieldSchema(refs), { maxKeys: 6 }))),
      links: fc.tuple(
        ...entities.map(() => fc.subarray(entities.map((e) => e.path), { maxLength: Math.min(2, entities.length) })),
      ),
      shared: fc.dictionary(hostileName, scalar, { maxKeys: 3 }),
      version: fc.constantFrom("3.1.0", "3.0.3"),
      info: hostileText,
    });
  })
  .map(({ entities, fields, links, shared, version, info }) => {
    const paths: Record<string, unknown> = {};
    const schemas: Record<string, unknown> = { Shared: { type: "object", properties: shared } };
    entities.forEach((e, i) => {
      const ref = { $ref: `#/components/schemas/${pointerSegment(e.schema)}` };
      const one = { description: "ok", content: { "application/json": { schema: ref } } };
      const body = { required: true, content: { "application/json": { schema: ref } } };
      // nested under the previous entity's item path when asked (`/parents/{parentId}/children`)
      const parent = i > 0 && e.nested ? `/${entities[i - 1].path}/{parentId}` : "";
      const parentParam = parent ? [{ name: "parentId", in: "path", required: true, schema: { type: "string" } }] : [];
      const collection = `${parent}/${e.path}`;
      paths[collection] = {
        get: {
          operationId: `list ${e.path}`,
          summary: e.description,
          parameters: [{ name: e.title || "q", in: "query", schema: { type: "string" }, description: e.description }],
          responses: {
            "200": { description: "ok", content: { "application/json": { schema: { type: "array", items: ref } } } },
          },
        },
        post: { requestBody: body, responses: { "201": one } },
        ...(parent ? { parameters: parentParam } : {}),
        ...e.extensions,
      };
      const idParam = { name: "id", in: "path", required: true, schema: { type: e.intKey ? "integer" : "string" } };
      if (e.action !== undefined) {
        paths[`${collection}/{id}/${e.action}`] = {
          post: { operationId: e.action, parameters: [...parentParam, idParam], responses: { "200": one } },
        };
      }
      paths[`${collection}/{id}`] = {
        parameters: [...parentParam, idParam],
        get: { responses: { "200": one } },
        patch: { requestBody: body, responses: { "200": one } },
        delete: { responses: { "204": { description: "gone" } } },
      };
      const properties: Record<string, unknown> = { ...fields[i] };
      properties.id = { type: e.intKey ? "integer" : "string", readOnly: true };
      for (const other of links[i]) properties[`${other}_id`] = { type: "string" };
      schemas[e.schema] = { type: "object", title: e.title, description: e.description, required: ["id"], properties };
    });
    return {
      openapi: version,
      info: { title: info, version: "1", description: info },
      paths,
      components: { schemas },
    };
  });

/** One mutation of a document: at the `at`-th node (modulo the node count), do `op`. */
export interface Mutation {
  at: number;
  op: "delete" | "replace" | "hostile" | "ref" | "wrap" | "type";
  value: unknown;
}

/** A list of 1–5 mutations. */
export const mutations: fc.Arbitrary<Mutation[]> = fc.array(
  fc.record({
    at: fc.nat(),
    op: fc.constantFrom("delete", "replace", "hostile", "ref", "wrap", "type"),
    value: fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      hostileName,
      fc.constantFrom(
        "#/",
        "#",
        "#/paths",
        "#/components/schemas",
        "#/nope",
        "other.yaml#/x",
        "#/components/schemas/~2",
      ),
      fc.constantFrom("string", "integer", "object", "array", "null", "boolean", "number", "file", 7, null),
    ),
  }),
  { minLength: 1, maxLength: 5 },
);

/** Every node of a JSON document: its parent and its key (the root has none). */
function nodes(doc: unknown): { parent: Record<string, unknown> | unknown[]; key: string | number }[] {
  const out: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const stack: unknown[] = [doc];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      node.forEach((v, i) => {
        out.push({ parent: node, key: i });
        stack.push(v);
      });
    } else if (node !== null && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) {
        out.push({ parent: node as Record<string, unknown>, key: k });
        stack.push(v);
      }
    }
  }
  return out;
}

/** Applies `list` to a deep copy of `doc` and returns it. */
export function mutate(doc: unknown, list: readonly Mutation[]): unknown {
  const copy = structuredClone(doc);
  for (const m of list) {
    const all = nodes(copy);
    if (all.length === 0) break;
    const { parent, key } = all[m.at % all.length];
    const set = (v: unknown) => ((parent as Record<string | number, unknown>)[key] = v);
    const current = (parent as Record<string | number, unknown>)[key];
    switch (m.op) {
      case "delete":
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key as string];
        break;
      case "replace":
        set(m.value);
        break;
      case "hostile":
        if (!Array.isArray(parent) && typeof m.value === "string") {
          delete parent[key as string];
          parent[m.value] = current;
        } else set(typeof m.value === "string" ? m.value : JSON.stringify(m.value) ?? "null");
        break;
      case "ref":
        set({ $ref: typeof m.value === "string" ? m.value : "#/" });
        break;
      case "wrap":
        set([current, current]);
        break;
      case "type":
        if (current !== null && typeof current === "object" && !Array.isArray(current)) {
          (current as Record<string, unknown>).type = m.value;
        } else set({ type: m.value });
        break;
    }
  }
  return copy;
}

/** A text-level change to a serialized spec: insert, delete or replace a few characters at a place. */
export const textEdits: fc.Arbitrary<{ at: number; remove: number; insert: string }[]> = fc.array(
  fc.record({
    at: fc.nat(),
    remove: fc.nat(4),
    insert: fc.oneof(
      fc.constantFrom(...HOSTILE_PIECES, ":", "- ", "&a", "*a", "!!binary", "[", "]", "\ufeff"),
      fc.string({ maxLength: 3 }),
    ),
  }),
  { maxLength: 4 },
);

/** Applies {@link textEdits} to `text`. */
export function editText(text: string, edits: readonly { at: number; remove: number; insert: string }[]): string {
  let out = text;
  for (const e of edits) {
    const at = out.length ? e.at % out.length : 0;
    out = out.slice(0, at) + e.insert + out.slice(at + e.remove);
  }
  return out;
}
