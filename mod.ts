/**
 * @sync/patterns turns an OpenAPI spec into a typed, live, optimistic client data layer on
 * [TanStack DB](https://tanstack.com/db): Zod schemas, a fetch client, collections, React hooks and a
 * broadcast runtime.
 *
 * {@link generate} is pure and synchronous: spec in (text or a parsed object), file map out. Nothing
 * touches the disk; the `sync-patterns` command line (`cli.ts`) does the reading and writing.
 *
 * @example Generate in code
 * ```ts ignore
 * import { formatDiagnostic, generate, SpecError } from "jsr:@sync/patterns";
 *
 * try {
 *   const { files, model, diagnostics } = generate(await Deno.readTextFile("openapi.yaml"), {
 *     syncMode: "optimistic",
 *     source: "openapi.yaml",
 *   });
 *   for (const d of diagnostics) console.warn(formatDiagnostic(d, "openapi.yaml"));
 *   console.log(model.entities.map((e) => e.name), Object.keys(files));
 * } catch (e) {
 *   if (e instanceof SpecError) console.error(formatDiagnostic(e.diagnostic, "openapi.yaml"));
 *   else throw e;
 * }
 * ```
 *
 * @example Draw the relationship graph
 * ```ts ignore
 * import { generate, layoutGraph, renderGraphMermaid, renderGraphSvg } from "jsr:@sync/patterns";
 *
 * const { model, graph } = generate(await Deno.readTextFile("openapi.yaml"));
 * await Deno.writeTextFile("entities.svg", renderGraphSvg(layoutGraph(model, graph), { title: model.title }));
 * console.log(renderGraphMermaid(model, graph)); // paste into Markdown as a ```mermaid block
 * ```
 *
 * @example From the command line
 * ```sh
 * deno run -A jsr:@sync/patterns generate openapi.yaml -o src/generated
 * deno run -A jsr:@sync/patterns inspect openapi.yaml
 * ```
 *
 * @module
 */

export { generate } from "./src/generate.ts";
export type { GenerateOptions, GenerateResult } from "./src/generate.ts";
export { formatDiagnostic, SpecError } from "./src/spec/diagnostics.ts";
export type { Diagnostic, Severity } from "./src/spec/diagnostics.ts";
export { GENERATED_MARKER } from "./src/emit/print/writer.ts";
export {
  filterGraph,
  GRAPH_METRICS,
  layoutGraph,
  layoutKey,
  matchEntities,
  neighbourhood,
} from "./src/graph/layout.ts";
export type {
  GraphLayout,
  GraphMetrics,
  LayoutEdge,
  LayoutNode,
  LayoutOptions,
  NodeLine,
  Point,
} from "./src/graph/layout.ts";
export { renderGraphSvg } from "./src/graph/svg.ts";
export type { SvgOptions } from "./src/graph/svg.ts";
export { renderGraphDot, renderGraphMermaid } from "./src/graph/text.ts";
export { parseConfigText } from "./src/model/config.ts";
export type {
  ConfigFilter,
  ConfigRelationship,
  ConfigSlot,
  EntityConfig,
  SyncPatternsConfig,
} from "./src/model/config.ts";
export type {
  ArraySchema,
  BooleanSchema,
  DecisionSource,
  Entity,
  EntityDecisions,
  EntityModel,
  EntityNames,
  EnumSchema,
  GraphEdge,
  GraphNode,
  HttpMethod,
  IntersectionSchema,
  NamedSchema,
  NullSchema,
  NumberSchema,
  ObjectSchema,
  Operation,
  OperationKind,
  Parameter,
  PrimaryKeyType,
  Property,
  RefSchema,
  Relationship,
  RelationshipGraph,
  Schema,
  SchemaMeta,
  SecurityScheme,
  StringSchema,
  SyncMode,
  UnionSchema,
  UnknownSchema,
} from "./src/model/types.ts";

// `deno run -A jsr:@sync/patterns generate …`: run the CLI only when this is the main module, so that
// importing the package does no I/O (and needs no Deno globals outside Deno).
if (import.meta.main) {
  import("./cli.ts").then(async ({ main }) => Deno.exit(await main(Deno.args)));
}
