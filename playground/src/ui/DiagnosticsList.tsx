/**
 * The diagnostics of the spec (and of the output's self-check); a click on one with a place jumps there in the
 * editor.
 *
 * @module
 */
import type { JSX } from "preact";
import type { Diagnostic } from "../../../mod.ts";

/** A generated file esbuild could not parse. */
export interface OutputProblem {
  path: string;
  message: string;
}

/** Props of {@link DiagnosticsList}. */
export interface DiagnosticsListProps {
  diagnostics: readonly Diagnostic[];
  outputProblems: readonly OutputProblem[];
  onJump: (line: number, column?: number) => void;
  onOpenFile: (path: string) => void;
}

/** The list. */
export function DiagnosticsList(props: DiagnosticsListProps): JSX.Element {
  const none = props.diagnostics.length === 0 && props.outputProblems.length === 0;
  return (
    <div class="diagnostics" data-testid="diagnostics">
      {none && <p class="empty">No problems found in the spec.</p>}
      <ul>
        {props.diagnostics.map((d, i) => (
          <li key={i}>
            <button
              type="button"
              class={`diagnostic sev-${d.severity}`}
              data-testid="diagnostic"
              data-line={d.line ?? ""}
              data-severity={d.severity}
              disabled={d.line === undefined}
              onClick={() => d.line !== undefined && props.onJump(d.line, d.column)}
            >
              <span class={`sev sev-${d.severity}`}>{d.severity}</span>
              <span class="msg">{d.message}</span>
              <span class="where">
                <span class="code">{d.code}</span>
                {d.line !== undefined && <span class="pos">{d.line}:{d.column ?? 1}</span>}
              </span>
            </button>
          </li>
        ))}
        {props.outputProblems.map((p) => (
          <li key={p.path}>
            <button type="button" class="diagnostic sev-error" onClick={() => props.onOpenFile(p.path)}>
              <span class="sev sev-error">output</span>
              <span class="msg">{p.path}: {p.message}</span>
              <span class="where">
                <span class="code">playground/self-check</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
