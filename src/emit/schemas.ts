/**
 * The schema emitter: one Zod 4 file per entity, one for shared named schemas, and an index.
 *
 * Per entity `Order`: `OrderSchema` (the item as the server sends it), `OrderCreateSchema` and
 * `OrderUpdateSchema` (the bodies, when the entity has those operations), enum properties as
 * `OrderStatusSchema`, each with its type. A named schema `Address` becomes `AddressSchema` and type
 * `Address`, in its owner's file or in the shared file.
 *
 * Recursion, also across files, goes through getters in `z.object` (Zod reads them lazily, and
 * TypeScript infers them); a schema in a cycle that passes outside object properties gets an
 * explicit type and `z.ZodType<T>`.
 *
 * @module
 */
import type { EmitContext } from "./context.ts";
import type { Decl, EntityDecls, EnumDecl, FilePlan, SchemaPlan } from "./plan/schemas.ts";
import { tsType } from "./print/ts_type.ts";
import { CodeWriter, stringLiteral } from "./print/writer.ts";
import { enumExpression, zodExpression } from "./print/zod.ts";

/**
 * Renders the schema files of a plan (see {@link planSchemas}).
 *
 * @example
 * ```ts
 * import { emitContext } from "./context.ts";
 * import { emitSchemas } from "./schemas.ts";
 * const model = { title: "Shop", version: "", openapi: "3.1.0", entities: [], operations: [], schemas: [] };
 * Object.keys(emitSchemas(emitContext(model))); // => ["schemas/index.ts"]
 * ```
 */
export function emitSchemas(ctx: EmitContext): Record<string, string> {
  const plan = ctx.schemas;
  const files: Record<string, string> = {};
  // the entity each view declaration belongs to, for its doc (looked up once, not per declaration)
  const owners = new Map<Decl, EntityDecls>();
  for (const e of plan.entities.values()) {
    for (const d of [e.item, e.create, e.update]) if (d && !owners.has(d)) owners.set(d, e);
  }
  for (const file of plan.files) files[file.path] = schemaFile(file, plan, owners);
  const index = new CodeWriter("Zod schemas of every entity and named schema.");
  for (const file of plan.files) index.line(`export * from ${stringLiteral(`./${baseName(file.path)}`)};`);
  if (plan.files.length === 0) index.line("export {};");
  files["schemas/index.ts"] = index.toString();
  return files;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

function purpose(file: FilePlan): string {
  const entity = file.decls.find((d) => d.role === "item");
  return entity ? `Zod schemas for ${entity.typeName}.` : "Zod schemas shared by several entities.";
}

/**
 * The schema files' pragma. Every exported schema and type is declared with its type
 * (`export type Order = {…}`, `OrderSchema: z.ZodType<Order, Order>`), so nothing outside the file needs
 * TypeScript to infer a Zod expression; checking the expressions themselves cost the GitHub output 19 s and
 * 2 GB of `deno check` (an assignability check of each `z.object(…)` against its annotation) instead of none.
 * tests/schema_types_test.ts checks, with the pragma and the annotations removed, that each declared type is the
 * one Zod infers.
 */
export const SCHEMA_FILE_NOTES: readonly string[] = [
  "@ts-nocheck: each schema is declared with its type (z.ZodType<T>), so the Zod expressions need no inference.",
];

function schemaFile(file: FilePlan, plan: SchemaPlan, owners: Map<Decl, EntityDecls>): string {
  const w = new CodeWriter(purpose(file), SCHEMA_FILE_NOTES);
  w.import("zod", "z");
  const declared = new Set<string>();
  const importFrom = (target: { file: string }) => `./${baseName(target.file)}`;

  let first = true;
  const gap = () => {
    if (!first) w.line("");
    first = false;
  };
  for (const e of file.enums) {
    gap();
    writeEnum(w, e);
    declared.add(e.constName);
  }
  for (const decl of file.decls) {
    const typeRef = (name: string): string => {
      const target = plan.refs.get(name);
      if (!target) return "unknown";
      if (target.file !== file.path) w.importType(importFrom(target), target.typeName);
      return target.typeName;
    };
    // a create body prints its properties' defaults (not one in a cycle, whose type is written out)
    const defaults = decl.view === "create" && !decl.annotated;
    const zod = zodExpression(decl.schema, {
      ref(name, eager) {
        const target = plan.refs.get(name);
        if (!target) return "z.unknown()";
        if (target.file !== file.path) w.import(importFrom(target), target.constName);
        const ready = target.file === file.path && declared.has(target.constName);
        return eager && !ready ? `z.lazy(() => ${target.constName})` : target.constName;
      },
      strict: decl.view === "create" || decl.view === "update",
      defaults,
      getters: true,
      enumFor: (p) => decl.enums.get(p.name)?.constName,
      named: plan.named,
    });
    gap();
    w.doc(docText(decl, owners.get(decl)), decl.deprecated ? ["@deprecated"] : []);
    // the type of a create body is what it accepts (`z.input`), of the others what they give (`z.infer`): the
    // same but for the defaults of a create body, which its output always has
    const typeOf = (side: "input" | "output") => {
      const sided = defaults ? { side, named: plan.named, used: false } : undefined;
      const text = tsType(decl.schema, {
        ref: typeRef,
        enumFor: (p) => decl.enums.get(p.name)?.typeName,
        defaults: sided,
      });
      return { text, sided: sided?.used === true };
    };
    const input = typeOf("input");
    const type = input.text;
    // no default made a property optional: the output side prints the same type
    const output = input.sided ? typeOf("output").text : type;
    w.line(`export type ${decl.typeName} = ${type};`);
    w.doc(`The Zod schema of {@link ${decl.typeName}}.`, decl.deprecated ? ["@deprecated"] : []);
    const outputType = output === type ? decl.typeName : output;
    w.lines(assign(`export const ${decl.constName}: z.ZodType<${outputType}, ${decl.typeName}> = `, zod));
    declared.add(decl.constName);
    w.settle(); // a shared schemas file of a big spec holds thousands of declarations
  }
  return w.toString();
}

function writeEnum(w: CodeWriter, e: EnumDecl): void {
  w.line(`export const ${e.constName} = ${enumExpression(e.values)};`);
  w.line(`export type ${e.typeName} = z.infer<typeof ${e.constName}>;`);
}

function assign(prefix: string, expr: string[]): string[] {
  const lines = [...expr];
  lines[0] = prefix + lines[0];
  lines[lines.length - 1] += ";";
  return lines;
}

function docText(decl: Decl, entity: EntityDecls | undefined): string | undefined {
  const lead = decl.role === "item"
    ? `${decl.typeName}, as the server sends it.`
    : decl.role === "create" && entity
    ? `The body of a create request for ${entity.item.typeName}.`
    : decl.role === "update" && entity
    ? `The body of an update request for ${entity.item.typeName}; every field is optional.`
    : undefined;
  if (lead === undefined) return decl.description;
  return decl.description ? `${lead}\n\n${decl.description}` : lead;
}
