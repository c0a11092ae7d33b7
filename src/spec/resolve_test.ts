import assert from "node:assert/strict";
import { SpecError } from "./diagnostics.ts";
import { loadSpec as loadSpecWith } from "./load.ts";
import { parseYaml } from "./yaml_text.ts";
import { isRef, parseRef, RefResolver } from "./resolve.ts";

/** {@link loadSpecWith} with the YAML parser, as `generate()` calls it. */
const loadSpec = (input: string | object) => loadSpecWith(input, { parseYaml });

const DOC = {
  openapi: "3.1.0",
  paths: {
    "/pets/{id}": {
      parameters: [{ $ref: "#/components/parameters/Id" }],
      get: { responses: { "404": { $ref: "#/components/responses/NotFound" } } },
    },
    "/alias": { $ref: "#/components/pathItems/Pets" },
  },
  components: {
    schemas: {
      Pet: { type: "object", properties: { self: { $ref: "#/components/schemas/Pet" } } },
      Alias: { $ref: "#/components/schemas/Alias2" },
      Alias2: { $ref: "#/components/schemas/Pet" },
      "Odd/Name~x": { type: "string" },
      "With Space": { type: "integer" },
      CycleA: { $ref: "#/components/schemas/CycleB" },
      CycleB: { $ref: "#/components/schemas/CycleA" },
      Self: { $ref: "#/components/schemas/Self" },
      Broken: { $ref: "#/components/schemas/Nope" },
      BrokenLater: { $ref: "#/components/schemas/Broken" },
      External: { $ref: "common.yaml#/Pet" },
      Remote: { $ref: "https://example.com/schemas.json#/Pet" },
      Anchor: { $ref: "#pet" },
      BadEncoding: { $ref: "#/components/schemas/%E0%A4%A" },
      NotAnObject: { $ref: "#/openapi" },
    },
    parameters: { Id: { name: "id", in: "path", required: true, schema: { type: "string" } } },
    responses: { NotFound: { description: "Not found" } },
    pathItems: { Pets: { get: { responses: {} } } },
  },
};

const schema = (name: string) => `/components/schemas/${name.replaceAll("~", "~0").replaceAll("/", "~1")}`;

/** Throws unless `fn` throws a SpecError; returns its diagnostic. */
function specError(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof SpecError) return e.diagnostic;
    throw e;
  }
  throw new Error("Expected a SpecError");
}

Deno.test("parseRef tells local, external and unsupported refs apart", () => {
  const cases: [string, ReturnType<typeof parseRef>][] = [
    ["#/components/schemas/Pet", { kind: "local", pointer: "/components/schemas/Pet" }],
    ["#/components/schemas/a~1b%20c", { kind: "local", pointer: "/components/schemas/a~1b c" }],
    ["#", { kind: "local", pointer: "" }],
    ["", { kind: "local", pointer: "" }],
    ["common.yaml#/Pet", { kind: "external", ref: "common.yaml#/Pet" }],
    ["https://x.test/a.json", { kind: "external", ref: "https://x.test/a.json" }],
    ["#pet", { kind: "unsupported", ref: "#pet", reason: "only JSON pointer fragments (#/…) are supported" }],
    ["#/%E0%A4%A", { kind: "unsupported", ref: "#/%E0%A4%A", reason: "its percent-encoding is broken" }],
  ];
  for (const [ref, want] of cases) assert.deepEqual(parseRef(ref), want, ref);
});

Deno.test("isRef needs a string $ref", () => {
  assert.equal(isRef({ $ref: "#/a" }), true);
  assert.equal(isRef({ $ref: { type: "string" } }), false);
  assert.equal(isRef([{ $ref: "#/a" }]), false);
  assert.equal(isRef(null), false);
  assert.equal(isRef("#/a"), false);
});

Deno.test("get reads own values by pointer", () => {
  const refs = new RefResolver(DOC);
  const cases: [string, unknown][] = [
    ["", DOC],
    ["/openapi", "3.1.0"],
    ["/paths/~1pets~1{id}/parameters/0", { $ref: "#/components/parameters/Id" }],
    [schema("Odd/Name~x"), { type: "string" }],
    ["/paths/~1pets~1{id}/parameters/1", undefined],
    ["/paths/~1pets~1{id}/parameters/length", undefined],
    ["/paths/~1pets~1{id}/parameters/00", undefined],
    ["/components/constructor", undefined],
    ["/components/__proto__", undefined],
    ["/openapi/length", undefined],
    ["no-slash", undefined],
  ];
  for (const [pointer, want] of cases) assert.deepEqual(refs.get(pointer), want, pointer);
});

Deno.test("resolve follows refs and chains to their target", () => {
  const refs = new RefResolver(DOC);
  const cases: [unknown, string, unknown, string][] = [
    [{ type: "string" }, "/x", { type: "string" }, "/x"],
    [{ $ref: "#/components/schemas/Pet" }, "/x", DOC.components.schemas.Pet, schema("Pet")],
    [{ $ref: "#/components/schemas/Alias" }, "/x", DOC.components.schemas.Pet, schema("Pet")],
    [{ $ref: "#/components/schemas/Odd~1Name~0x" }, "/x", { type: "string" }, schema("Odd/Name~x")],
    [{ $ref: "#/components/schemas/With%20Space" }, "/x", { type: "integer" }, schema("With Space")],
    [{ $ref: "#/components/parameters/Id" }, "/p", DOC.components.parameters.Id, "/components/parameters/Id"],
    [{ $ref: "#/components/pathItems/Pets" }, "/p", DOC.components.pathItems.Pets, "/components/pathItems/Pets"],
    [{ $ref: "#/openapi" }, "/x", "3.1.0", "/openapi"],
  ];
  for (const [node, pointer, value, target] of cases) {
    assert.deepEqual(refs.resolve(node, pointer), { value, pointer: target }, JSON.stringify(node));
  }
  // The same again, now memoized.
  assert.deepEqual(refs.resolve({ $ref: "#/components/schemas/Alias" }, "/y"), {
    value: DOC.components.schemas.Pet,
    pointer: schema("Pet"),
  });
  assert.deepEqual(refs.resolveAt(schema("Alias2")), { value: DOC.components.schemas.Pet, pointer: schema("Pet") });
  assert.deepEqual(refs.diagnostics, []);
});

Deno.test("a recursive schema resolves one ref at a time", () => {
  const refs = new RefResolver(DOC);
  const pet = refs.resolveAt(schema("Pet"))!;
  const self = refs.resolveAt(`${pet.pointer}/properties/self`)!;
  assert.deepEqual(self, { value: DOC.components.schemas.Pet, pointer: schema("Pet") });
});

Deno.test("resolve rejects ref cycles", () => {
  const refs = new RefResolver(DOC);
  const cases: [string, string][] = [
    ["CycleA", `#/components/schemas/CycleB → #/components/schemas/CycleA → #/components/schemas/CycleB`],
    ["Self", `#/components/schemas/Self → #/components/schemas/Self`],
  ];
  for (const [name, loop] of cases) {
    const d = specError(() => refs.resolveAt(schema(name)));
    assert.equal(d.code, "spec/ref-cycle");
    assert.equal(d.message, `The $ref chain loops: ${loop}`);
    assert.equal(d.pointer, `${schema(name)}/$ref`);
  }
});

Deno.test("resolve rejects refs to missing places, at the broken $ref", () => {
  const refs = new RefResolver(DOC);
  const cases: [string, string][] = [
    [schema("Broken"), schema("Broken")],
    [schema("BrokenLater"), schema("Broken")],
  ];
  for (const [pointer, broken] of cases) {
    const d = specError(() => refs.resolveAt(pointer));
    assert.equal(d.code, "spec/unresolved-ref");
    assert.equal(d.message, "The $ref target #/components/schemas/Nope does not exist");
    assert.equal(d.pointer, `${broken}/$ref`);
  }
});

Deno.test("resolve warns about external and unsupported refs, once each", () => {
  const refs = new RefResolver(DOC);
  for (const name of ["External", "Remote", "Anchor", "BadEncoding", "External"]) {
    assert.equal(refs.resolveAt(schema(name)), undefined, name);
  }
  assert.deepEqual(refs.diagnostics.map((d) => [d.code, d.severity, d.pointer]), [
    ["spec/external-ref", "warning", `${schema("External")}/$ref`],
    ["spec/external-ref", "warning", `${schema("Remote")}/$ref`],
    ["spec/unsupported-ref", "warning", `${schema("Anchor")}/$ref`],
    ["spec/unsupported-ref", "warning", `${schema("BadEncoding")}/$ref`],
  ]);
  assert.equal(
    refs.diagnostics[0].message,
    "External $ref common.yaml#/Pet is not supported: it is treated as unknown",
  );
});

Deno.test("deref gives objects only", () => {
  const refs = new RefResolver(DOC);
  assert.equal(
    refs.deref<{ name: string }>({ $ref: "#/components/parameters/Id" }, "/p")?.value.name,
    "id",
  );
  assert.deepEqual(refs.deref({ description: "x" }, "/r"), { value: { description: "x" }, pointer: "/r" });
  assert.equal(refs.deref(undefined, "/r"), undefined);
  assert.equal(refs.deref([], "/r"), undefined);
  assert.equal(refs.deref({ $ref: "#/openapi" }, "/r"), undefined);
  assert.equal(refs.deref({ $ref: "x.yaml" }, "/r"), undefined);
});

Deno.test("resolver errors and warnings carry line and column", () => {
  const spec = loadSpec(`openapi: 3.1.0
paths: {}
components:
  schemas:
    A:
      $ref: "#/components/schemas/Missing"
    B:
      $ref: other.yaml#/B
`);
  const refs = new RefResolver(spec.document, { locate: spec.locate });
  const d = specError(() => refs.resolveAt("/components/schemas/A"));
  assert.deepEqual([d.line, d.column], [6, 7]);
  assert.match(new SpecError(d).message, /^error at #\/components\/schemas\/A\/\$ref \(6:7\): The \$ref target/);
  refs.resolveAt("/components/schemas/B");
  assert.deepEqual([refs.diagnostics[0].line, refs.diagnostics[0].column], [8, 7]);
});
