/**
 * The pipeline: spec text or object → resolved document → entity model → file map (its steps are in
 * `generate_core.ts`).
 *
 * @module
 */
import type { Diagnostic } from "./spec/diagnostics.ts";
import { parseYaml } from "./spec/yaml_text.ts";
import { generateWith } from "./generate_core.ts";
import type { EntityModel, RelationshipGraph, SyncMode } from "./model/types.ts";
import type { SyncPatternsConfig } from "./model/config.ts";

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
  return generateWith(spec, options, { parseYaml });
}
