/**
 * The pipeline: spec text or object → resolved document → entity model → file map.
 *
 * @module
 */
import type { Diagnostic } from "./spec/diagnostics.ts";
import { type LoadedSpec, loadSpec, withPosition } from "./spec/load.ts";
import { RefResolver } from "./spec/resolve.ts";
import { buildModel } from "./model/build.ts";
import { emitAll } from "./emit/emit.ts";
import { emitContext } from "./emit/context.ts";
import { loadCosts } from "./emit/plan/load_costs.ts";
import type { EntityModel, RelationshipGraph, SyncMode } from "./model/types.ts";
import { checkConfig, type SyncPatternsConfig } from "./model/config.ts";

/** Options of {@link generate}. */
export interface GenerateOptions {
  /**
   * Sync mode of entities whose spec says nothing (`x-sync-mode`).
   * @default {"optimistic"}
   */
  syncMode?: SyncMode;
  /** A name for the input in messages (a file name); does not change the output. */
  source?: string;
  /**
   * The config file's content (`sync-patterns.config.json`, see `schema/config.schema.json`): what the spec cannot
   * say. Its diagnostics have codes starting with `config/` and pointers into the config.
   */
  config?: SyncPatternsConfig;
}

/** What {@link generate} returns. */
export interface GenerateResult {
  /** Relative path (always `/`-separated) → source text. */
  files: Record<string, string>;
  /** The resolved entity model. */
  model: EntityModel;
  /** Entities and their relationships. */
  graph: RelationshipGraph;
  /** Warnings (and errors that did not stop generation), each with its place in the spec. */
  diagnostics: Diagnostic[];
}

/**
 * Generates the data layer for an OpenAPI 3.0 or 3.1 spec: pure and synchronous, with no I/O.
 *
 * @param spec the spec's text (JSON or YAML) or an already parsed object
 * @param options defaults for what the spec does not say
 * @returns the file map, the model, the relationship graph and the diagnostics
 * @throws {SpecError} when the input is not a usable OpenAPI 3 document (not JSON or YAML, Swagger 2.0, a broken `$ref`)
 *
 * @example
 * ```ts
 * import { generate } from "./generate.ts";
 * const { files, model } = generate({
 *   openapi: "3.1.0",
 *   info: { title: "Shop", version: "1" },
 *   paths: {
 *     "/orders": { get: { responses: { "200": { description: "ok", content: { "application/json": {
 *       schema: { type: "array", items: { type: "object", properties: { id: { type: "string" } } } },
 *     } } } } } },
 *   },
 * });
 * model.entities[0].name; // => "orders"
 * "schemas/order.schema.ts" in files; // => true
 * ```
 */
export function generate(spec: string | object, options: GenerateOptions = {}): GenerateResult {
  // the front runs in its own frame: the parsed document (and the resolver's cache of it) is garbage once the
  // model is built, so the emitters do not run with it alive (about a third of the peak heap on GitHub)
  const front = modelStage(spec, options);
  const { model, graph, found } = front;
  const ctx = emitContext(model);
  const files = emitAll(model, ctx);
  for (const cost of loadCosts(ctx.resources)) found.push({ ...cost, severity: "warning" });
  const diagnostics = [...front.loadDiagnostics, ...front.refDiagnostics, ...found].map((d) =>
    d.line === undefined ? withPosition(front, d) : d
  );
  // config diagnostics point into the config, not the spec: no spec position for them
  diagnostics.push(...front.configDiagnostics);
  return { files, model, graph, diagnostics };
}

/** Load, resolve and model: what the emitters need, and what to place the diagnostics with; not the document. */
function modelStage(spec: string | object, options: GenerateOptions): {
  model: EntityModel;
  graph: RelationshipGraph;
  found: Diagnostic[];
  loadDiagnostics: Diagnostic[];
  refDiagnostics: Diagnostic[];
  configDiagnostics: Diagnostic[];
  locate: LoadedSpec["locate"];
} {
  const loaded = loadSpec(spec);
  const refs = new RefResolver(loaded.document, { locate: loaded.locate });
  const found: Diagnostic[] = [];
  const seen = new Set<string>();
  const source = {
    resolve: (node: unknown, pointer: string) => refs.resolve(node, pointer),
    warn(code: string, message: string, pointer: string) {
      const key = `${code} ${pointer}`;
      if (seen.has(key)) return;
      seen.add(key);
      found.push({ code, severity: "warning", message, pointer });
    },
  };
  const checked = options.config === undefined ? undefined : checkConfig(options.config);
  const { model, graph, configDiagnostics } = buildModel(loaded.document, source, {
    syncMode: options.syncMode ?? "optimistic",
    ...(checked ? { config: checked.config } : {}),
  });
  if (model.entities.length === 0) {
    source.warn(
      "model/no-entities",
      "No entity found: no path has CRUD operations on an item schema with a key",
      "/paths",
    );
  }
  return {
    model,
    graph,
    found,
    loadDiagnostics: loaded.diagnostics,
    refDiagnostics: refs.diagnostics,
    configDiagnostics: [...(checked?.diagnostics ?? []), ...configDiagnostics],
    locate: loaded.locate,
  };
}
