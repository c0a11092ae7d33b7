/**
 * The worker of `bench/corpus.ts`: reads one spec file per message, runs `generate()` on it
 * and answers how it went (so that a spec that hangs can be stopped by ending the worker).
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { generate } from "../src/generate.ts";
import { SpecError } from "../src/spec/diagnostics.ts";

/** What the worker answers for one spec. */
export type Outcome =
  | { kind: "ok"; ms: number; files: number; entities: number; warnings: number; inBytes: number; outBytes: number }
  | { kind: "spec-error"; ms: number; code: string; pointer: string; line?: number; message: string }
  | { kind: "crash"; ms: number; name: string; message: string; stack: string };

self.onmessage = (event: MessageEvent<{ path: string; name: string }>) => {
  const { path, name } = event.data;
  const text = Deno.readTextFileSync(path);
  const t = performance.now();
  let outcome: Outcome;
  try {
    const result = generate(text, { source: name });
    outcome = {
      kind: "ok",
      ms: performance.now() - t,
      files: Object.keys(result.files).length,
      entities: result.model.entities.length,
      warnings: result.diagnostics.length,
      inBytes: text.length,
      outBytes: Object.values(result.files).reduce((n, f) => n + f.length, 0),
    };
  } catch (e) {
    const ms = performance.now() - t;
    if (e instanceof SpecError) {
      const d = e.diagnostic;
      outcome = { kind: "spec-error", ms, code: d.code, pointer: d.pointer, line: d.line, message: d.message };
    } else {
      const error = e instanceof Error ? e : new Error(String(e));
      outcome = { kind: "crash", ms, name: error.name, message: error.message, stack: error.stack ?? "" };
    }
  }
  self.postMessage(outcome);
};
