/**
 * The output pane: the generated files by folder with their change marks and counts, and the selected file as
 * code or as a diff against the previous generation.
 *
 * @module
 */
import type { JSX } from "preact";
import { describeCounts } from "../changes.ts";
import type { ClientReply } from "../client.ts";
import type { GenerateFailure } from "../protocol.ts";
import { CodeView } from "./CodeView.tsx";
import { DiffView } from "./DiffView.tsx";
import { FileTree } from "./FileTree.tsx";

/** Code or diff. */
export type OutputMode = "code" | "diff";

/** Props of {@link OutputPane}. */
export interface OutputPaneProps {
  /** The last good generation. */
  result: Extract<ClientReply, { ok: true }> | undefined;
  /** The spec's error, when the last generation failed. */
  failure: GenerateFailure | undefined;
  selected: string | undefined;
  mode: OutputMode;
  /** Paths to emphasise in the tree (the chosen entity's files). */
  focus: ReadonlySet<string>;
  onSelect: (path: string) => void;
  onMode: (mode: OutputMode) => void;
  onCopy: () => void;
}

/** The pane. */
export function OutputPane(props: OutputPaneProps): JSX.Element {
  const { result, failure, selected, mode } = props;
  const marks = result?.changes.marks ?? {};
  const selectedMark = selected ? marks[selected] : undefined;
  const after = result && selected ? result.files[selected] ?? "" : "";
  const before = result && selected ? result.previousFiles[selected] ?? "" : "";
  return (
    <section class="pane pane-output" aria-label="Output">
      <div class="pane-head">
        <h2>Output</h2>
        {result && (
          <span class="muted small" data-testid="change-counts">
            {Object.keys(result.files).length} files · {describeCounts(result.changes.counts)}
          </span>
        )}
        <div class="spacer" />
        <div class="segmented" role="group" aria-label="Show">
          <button type="button" aria-pressed={mode === "code"} onClick={() => props.onMode("code")}>Code</button>
          <button
            type="button"
            data-testid="show-diff"
            aria-pressed={mode === "diff"}
            onClick={() => props.onMode("diff")}
          >
            Diff
          </button>
        </div>
        <button type="button" class="btn btn-small" onClick={props.onCopy} disabled={!selected}>
          Copy
        </button>
      </div>
      {failure && (
        <div class="stale-banner" role="status">
          The spec has an error
          {failure.diagnostic.line !== undefined &&
            ` at ${failure.diagnostic.line}:${failure.diagnostic.column ?? 1}`}
          : showing the last good output.
        </div>
      )}
      <div class="output-body">
        <nav class="tree-host">
          {result && (
            <FileTree
              marks={marks}
              selected={selected}
              focus={props.focus}
              onSelect={(path) => {
                props.onSelect(path);
                if (marks[path] === "removed") props.onMode("diff");
              }}
            />
          )}
        </nav>
        <div class="file-host">
          {selected && (
            <div class="file-path">
              <span class="mono">{selected}</span>
              {selectedMark && selectedMark !== "same" && (
                <span class={`mark mark-${selectedMark}`}>{selectedMark}</span>
              )}
            </div>
          )}
          {result && selected && mode === "code" && selectedMark !== "removed" && (
            <CodeView path={selected} text={after} />
          )}
          {result && selected && mode === "code" && selectedMark === "removed" && (
            <p class="empty">This file is no longer generated. See the diff.</p>
          )}
          {result && selected && mode === "diff" && <DiffView path={selected} before={before} after={after} />}
          {!result && !failure && <p class="empty">Generating…</p>}
        </div>
      </div>
    </section>
  );
}
