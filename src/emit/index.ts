/**
 * The root `index.ts` of the output: the one module an app imports.
 *
 * @module
 */
import { STORE_EXPORTS } from "../names/reserved.ts";
import type { EmitContext } from "./context.ts";
import type { ResourcePlan } from "./plan/resources.ts";
import { CodeWriter, specifierList, stringLiteral } from "./print/writer.ts";
import { runtimeExports } from "./runtime.ts";

/** The npm packages generated code imports, with the versions it is checked against (one copy of `@tanstack/db`). */
export const PACKAGE_VERSIONS: readonly [string, string][] = [
  ["@tanstack/db", "0.15.1"],
  ["@tanstack/query-db-collection", "1.4.7"],
  ["@tanstack/react-db", "0.5.11"],
  ["@tanstack/query-core", "5.108.0"],
  ["@tanstack/react-query", "5.108.0"],
  ["react", "19.3.1"],
  ["zod", "4.6.7"],
];

/**
 * Emits the root `index.ts`: the re-exports of the schemas and the client, then those of the data layer.
 *
 * @example
 * ```ts
 * import { emitContext } from "./context.ts";
 * import { emitIndex } from "./index.ts";
 * const model = { title: "Shop", version: "1", openapi: "3.1.0", entities: [], operations: [], schemas: [] };
 * const files = emitIndex(emitContext(model));
 * files["index.ts"].includes('export * from "./client/index.ts";'); // => true
 * ```
 */
export function emitIndex(ctx: EmitContext): Record<string, string> {
  const { model } = ctx;
  const w = new CodeWriter(`Data layer for ${model.title || "the API"}${model.version ? ` ${model.version}` : ""}.`);
  for (const module of ["./schemas/index.ts", "./client/index.ts"]) w.line(`export * from ${stringLiteral(module)};`);
  w.line(...dataLayerExports(ctx.resources));
  return { "index.ts": w.toString() };
}

/**
 * The root index's lines for the data layer: a comment listing the packages, then the re-exports of the
 * entities, the store and the runtime (leaving out a fixed name that a schema or client export already has;
 * it stays reachable from its own module).
 */
function dataLayerExports(resources: ResourcePlan): string[] {
  const lines = [
    "// Needs these npm packages (exact versions keep a single copy of @tanstack/db):",
    ...PACKAGE_VERSIONS.map(([name, version]) => `//   ${name}@${version}`),
    `export * from ${stringLiteral("./entities/index.ts")};`,
  ];
  const list = (names: readonly { name: string; type: boolean }[], from: string) => {
    const shown = names.filter((e) => !resources.taken(e.name));
    if (shown.length === 0) return;
    lines.push(`export { ${specifierList(shown).join(", ")} } from ${stringLiteral(from)};`);
  };
  list(STORE_EXPORTS, "./collections/store.ts");
  list(runtimeExports, "./runtime/index.ts");
  return lines;
}
