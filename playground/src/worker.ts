/**
 * The generate worker: runs the very same `generate()` as the CLI, off the main thread, and marks what changed
 * since its previous successful generation (it keeps that file map, so the page never diffs 25+ files itself).
 *
 * @module
 */
import { generate, SpecError } from "../../mod.ts";
import { markChanges } from "./changes.ts";
import type { GenerateReply, GenerateRequest } from "./protocol.ts";

let previous: Record<string, string> | undefined;

/** Handles one request (its spec as text); exported for tests. */
export function handle(request: GenerateRequest & { spec: string }): GenerateReply {
  const started = performance.now();
  if (request.resetBaseline) previous = undefined;
  try {
    const result = generate(request.spec, { syncMode: request.syncMode });
    const changes = markChanges(previous, result.files);
    previous = result.files;
    return {
      id: request.id,
      ok: true,
      files: result.files,
      changes,
      model: result.model,
      graph: result.graph,
      diagnostics: result.diagnostics,
      ms: performance.now() - started,
    };
  } catch (error) {
    const diagnostic = error instanceof SpecError ? error.diagnostic : {
      code: "playground/internal",
      severity: "error" as const,
      message: `The generator failed: ${error instanceof Error ? error.message : String(error)}`,
      pointer: "",
    };
    return { id: request.id, ok: false, diagnostic, ms: performance.now() - started };
  }
}

// Only in a worker scope (not when a test imports `handle`).
const scope = globalThis as unknown as {
  WorkerGlobalScope?: unknown;
  onmessage: ((event: MessageEvent<GenerateRequest>) => void) | null;
  postMessage(message: GenerateReply): void;
};
if (typeof scope.WorkerGlobalScope !== "undefined") {
  scope.onmessage = (event) => {
    const { spec } = event.data;
    scope.postMessage(
      handle({ ...event.data, spec: typeof spec === "string" ? spec : new TextDecoder().decode(spec) }),
    );
  };
}
