/**
 * The written-out types of the schema files are the ones Zod infers. Each schema is emitted as
 * `export type T = {…}` and `export const TSchema: z.ZodType<Output, Input> = z.object(…)` in a file marked
 * `@ts-nocheck` (so that an app's type check infers no Zod expression: see `SCHEMA_FILE_NOTES`). Here, for the sales
 * example, `tests/fixtures/schema_types_spec.ts` (nullable, optional, enums, unions, open objects, maps, recursion,
 * defaults) and the other fixtures, a copy of each output drops the pragma and the annotations (but those of
 * reference cycles, which TypeScript cannot infer) and states, per schema, that `z.output` and `z.input` of the
 * inferred schema and the declared types are assignable both ways and not `any`; `deno check` must pass. A type
 * changed on purpose must fail it. The answers of operations without a schema of their own (`client/answers.ts`) are
 * checked the same way.
 *
 * @module
 */
import assert from "node:assert/strict";
import { generate } from "../src/generate.ts";
import { emitAll } from "../src/emit/emit.ts";
import { type Decl, planSchemas, refUses } from "../src/emit/plan/schemas.ts";
import { SCHEMA_FILE_NOTES } from "../src/emit/schemas.ts";
import type { EntityModel } from "../src/model/types.ts";
import { linkConsumerModules, runDeno } from "./consumer/setup.ts";
import { corpusSpec } from "./fixtures/corpus_specs.ts";
import { clashSpec, schoolSpec } from "./fixtures/data_layer_specs.ts";
import { hostileSpec } from "./fixtures/hostile.ts";
import { modelShapesSpec } from "./fixtures/model_specs.ts";
import { salesModel } from "./fixtures/sales_model.ts";
import { schemaTypesSpec } from "./fixtures/schema_types_spec.ts";

const path = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname).replace(/\/$/, "");
const OUT = path("./.out");

/** The annotation `z.ZodType<Output, Input>` after `export const Name: `, with where it ends. */
interface Annotation {
  name: string;
  start: number;
  end: number;
  output: string;
  input: string;
}

/** Finds every `export const Name: z.ZodType<…> = ` of a schema file (strings in literal types skipped). */
function annotations(text: string): Annotation[] {
  const found: Annotation[] = [];
  const head = /export const ([\w$]+): z\.ZodType</g;
  for (let match = head.exec(text); match; match = head.exec(text)) {
    const open = match.index + match[0].length;
    let depth = 1;
    let comma = -1;
    let i = open;
    for (; depth > 0; i++) {
      const c = text[i];
      if (c === '"' || c === "'" || c === "`") {
        for (i++; text[i] !== c; i++) if (text[i] === "\\") i++;
      } else if (c === "<") depth++;
      else if (c === ">") depth--;
      else if (c === "," && depth === 1 && comma < 0) comma = i;
    }
    assert.ok(comma > 0, `no input type in the annotation of ${match[1]}`);
    assert.ok(text.startsWith(" = ", i), `no initializer after the annotation of ${match[1]}`);
    const start = match.index + "export const ".length + match[1].length;
    found.push({
      name: match[1],
      start,
      end: i,
      output: text.slice(open, comma).trim(),
      input: text.slice(comma + 1, i - 1).trim(),
    });
  }
  return found;
}

const HELPERS = [
  "type Agree<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;",
  "type NotAny<T> = 0 extends 1 & T ? false : true;",
  "type Holds<T extends true> = T;",
];

/**
 * The schema file with its pragma and annotations gone (but those of `keep`) and one exported check per schema;
 * other files as they are.
 */
function inferredCopy(files: Record<string, string>, keep: Set<string>): Record<string, string> {
  const pragma = SCHEMA_FILE_NOTES.map((note) => `// ${note}\n`).join("");
  const out: Record<string, string> = {};
  for (const [file, text] of Object.entries(files)) {
    const declared = (file.startsWith("schemas/") && file !== "schemas/index.ts") || file === "client/answers.ts";
    if (!declared) {
      out[file] = text;
      continue;
    }
    assert.ok(text.includes(pragma), `${file} has no @ts-nocheck pragma`);
    const found = annotations(text);
    let body = text.replace(pragma, "");
    const shift = pragma.length;
    for (const a of [...found].reverse()) {
      if (!keep.has(a.name)) body = body.slice(0, a.start - shift) + body.slice(a.end - shift);
    }
    const checks = found.map((a) =>
      `export type Check${a.name} = Holds<Agree<z.output<typeof ${a.name}>, ${a.output}>> | ` +
      `Holds<Agree<z.input<typeof ${a.name}>, ${a.input}>> | Holds<NotAny<z.output<typeof ${a.name}>>>;`
    );
    out[file] = [body, ...HELPERS, ...checks, ""].join("\n");
  }
  return out;
}

/**
 * The constants whose annotation the copy keeps (then `deno check` proves the schema assignable to it): those the
 * plan declares with a type (long or eager reference cycles), and those in a cycle that are not a plain object,
 * whose getters TypeScript infers as `unknown` (`Kernel = z.object({ get next() { return Kernel.optional() } })
 * .nullable()`: the declared type is the true one there, the inferred one is not).
 */
function cycleConstants(model: EntityModel): Set<string> {
  const plan = planSchemas(model);
  const decls = plan.files.flatMap((f) => f.decls);
  const edges = new Map(decls.map((d) => [d, refUses(d.schema).map((u) => plan.refs.get(u.name)!).filter(Boolean)]));
  const reachesItself = (start: Decl): boolean => {
    const seen = new Set<Decl>();
    const stack = [...edges.get(start)!];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (next === start) return true;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(edges.get(next) ?? []));
    }
    return false;
  };
  const plainObject = (d: Decl) => d.schema.kind === "object" && !d.schema.nullable;
  return new Set(
    decls.filter((d) => d.annotated || (!plainObject(d) && reachesItself(d))).map((d) => d.constName),
  );
}

async function write(dir: string, files: Record<string, string>): Promise<void> {
  await Deno.remove(`${dir}/generated`, { recursive: true }).catch((e) => {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  });
  for (const [file, text] of Object.entries(files)) {
    const target = `${dir}/generated/${file}`;
    await Deno.mkdir(target.slice(0, target.lastIndexOf("/")), { recursive: true });
    await Deno.writeTextFile(target, text);
  }
  await linkConsumerModules(dir);
}

async function cases(): Promise<Record<string, { files: Record<string, string>; model: EntityModel }>> {
  const sales = generate(await Deno.readTextFile(path("../examples/sales/openapi.yaml")));
  const out: Record<string, { files: Record<string, string>; model: EntityModel }> = { sales };
  for (const [name, spec] of Object.entries({ schemaTypesSpec, corpusSpec, clashSpec, schoolSpec, hostileSpec })) {
    out[name] = generate(spec);
  }
  out.modelShapes = generate(modelShapesSpec);
  out.fixtureModel = { files: emitAll(salesModel), model: salesModel };
  return out;
}

Deno.test({
  name: "schema types: every declared type is the one Zod infers (sales, tricky shapes, fixtures)",
  sanitizeResources: false,
  async fn() {
    const entries: string[] = [];
    let checks = 0;
    for (const [name, { files, model }] of Object.entries(await cases())) {
      const copy = inferredCopy(files, cycleConstants(model));
      checks += Object.values(copy).join("").split("export type Check").length - 1;
      await write(`${OUT}/types-${name}`, copy);
      entries.push(`types-${name}/generated/schemas/index.ts`);
      if (copy["client/answers.ts"]) entries.push(`types-${name}/generated/client/answers.ts`);
    }
    assert.ok(checks > 60, `only ${checks} checks`);
    const run = await runDeno("check", ["--quiet", ...entries], OUT);
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
  },
});

Deno.test({
  name: "schema types: a declared type that differs from Zod's fails the check (nullable, optional, enum, default)",
  sanitizeResources: false,
  async fn() {
    const { files, model } = generate(schemaTypesSpec);
    const file = "schemas/widget.schema.ts";
    const changes: [string, string][] = [
      ["  nickname?: string | null | undefined;", "  nickname?: string | undefined;"], // nullable
      ["  name: string;", "  name?: string | undefined;"], // required
      ["  kind: WidgetKind;", '  kind: WidgetKind | "oval";'], // enum
      ["  size?: WidgetSize | undefined;", "  size: WidgetSize;"], // a default: optional to send
    ];
    const dir = `${OUT}/types-broken`;
    for (const [from, to] of changes) {
      assert.ok(files[file].includes(from), `${file} has no line ${JSON.stringify(from)}:\n${files[file]}`);
      await write(dir, inferredCopy({ ...files, [file]: files[file].replace(from, to) }, cycleConstants(model)));
      const run = await runDeno("check", ["--quiet", "generated/schemas/index.ts"], dir);
      assert.notEqual(run.code, 0, `${from} → ${to} passed the check`);
      assert.match(`${run.stdout}\n${run.stderr}`, /Type 'false' does not satisfy the constraint 'true'/);
    }
  },
});
