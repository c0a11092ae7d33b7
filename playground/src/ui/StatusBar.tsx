/**
 * The status bar: the worker's generate time, the model's size, and the esbuild self-check of the output.
 *
 * @module
 */
import type { JSX } from "preact";
import type { ClientReply } from "../client.ts";
import type { SelfCheckResult } from "../selfcheck.ts";

/** Props of {@link StatusBar}. */
export interface StatusBarProps {
  /** A generation is on its way. */
  pending: boolean;
  result: Extract<ClientReply, { ok: true }> | undefined;
  /** `running` from the moment the output changed until esbuild has checked it. */
  selfCheck: SelfCheckResult | "running" | undefined;
}

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`;
}

/** The bar. */
export function StatusBar(props: StatusBarProps): JSX.Element {
  return (
    <footer class="statusbar">
      <span class="gen-time" data-testid="generate-time" aria-live="polite">
        {props.pending
          ? "generating…"
          : props.result
          ? `generated in ${Math.max(1, Math.round(props.result.ms))} ms`
          : ""}
      </span>
      {props.result && (
        <span>
          {count(props.result.model.entities.length, "entity", "entities")} ·{" "}
          {count(props.result.graph.edges.length, "relationship", "relationships")} ·{" "}
          {count(props.result.diagnostics.length, "warning", "warnings")}
        </span>
      )}
      <div class="spacer" />
      <span
        data-testid="self-check"
        data-state={props.selfCheck === "running" ? "running" : props.selfCheck ? "done" : "idle"}
      >
        {props.selfCheck === "running" && "esbuild: checking the output…"}
        {props.selfCheck && props.selfCheck !== "running" && (
          props.selfCheck.problems.length > 0
            ? (
              <span class="bad">
                esbuild: {props.selfCheck.problems.length} of {props.selfCheck.files} files do not parse
              </span>
            )
            : props.selfCheck.bundleError
            ? <span class="bad">esbuild: {props.selfCheck.bundleError}</span>
            : (
              <span class="good">
                esbuild: {props.selfCheck.files} files parse · bundle {formatBytes(props.selfCheck.minified ?? 0)} min ·
                {" "}
                <strong>{formatBytes(props.selfCheck.gzipped ?? 0)} gzip</strong> (npm packages external)
              </span>
            )
        )}
      </span>
    </footer>
  );
}

/** `1 warning`, `2 warnings`. */
function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
