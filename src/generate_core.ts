/**
 * The steps behind `generate()` of `generate.ts` (spec text or object → resolved document → entity model → file
 * map), with the YAML parser passed in: this module does not load the YAML library, so the CLI, which imports it
 * directly, loads that library only for a YAML spec. Everyone else calls `generate()`.
 *
 * @module
 */
import type { Diagnostic } from "./spec/diagnostics.ts";
import { type LoadedSpec, type LoadOptions, loadSpec, withPosition } from "./spec/load.ts";
import { RefResolver } from "./spec/resolve.ts";
import { buildModel } from "./model/build.ts";
import { emitAll } from "./emit/emit.ts";
import { emitContext } from "./emit/context.ts";
import { loadCosts } from "./emit/plan/load_costs.ts";
import { checkConfig } from "./model/config.ts";
import type { GenerateOptions, GenerateResult } from "./generate.ts";
import type { EntityModel, RelationshipGraph } from "./model/types.ts";

/**
 * `generate()` with the YAML parser given in `load` (YAML text without one is an Error): pure and synchronous.
 *
 * @param spec the spec's text (JSON, or YAML when `load.parseYaml` is given) or an already parsed object
 * @param options as for `generate()`
 * @param load how to read text: the YAML parser
 * @returns the file map, the model, the relationship graph and the diagnostics
 * @throws {SpecError} as `generate()` does
 */
export function generateWith(
  spec: string | object,
  options: GenerateOptions,
  load: LoadOptions,
): GenerateResult {
  // the front runs in its own frame: the parsed document (and the resolver's cache of it) is garbage once the
  // model is built, so the emitters do not run with it alive (about a third of the peak heap on GitHub)
  const front = modelStage(spec, options, load);
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
function modelStage(spec: string | object, options: GenerateOptions, load: LoadOptions): {
  model: EntityModel;
  graph: RelationshipGraph;
  found: Diagnostic[];
  loadDiagnostics: Diagnostic[];
  refDiagnostics: Diagnostic[];
  configDiagnostics: Diagnostic[];
  locate: LoadedSpec["locate"];
} {
  const loaded = loadSpec(spec, load);
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
