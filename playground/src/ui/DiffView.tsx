/**
 * The selected file against the previous generation, line by line (`diffLines` from the `diff` package), with
 * unchanged runs folded to three lines of context.
 *
 * @module
 */
import { diffLines } from "diff";
import type { JSX } from "preact";
import { useMemo } from "preact/hooks";

/** One shown line of the diff. */
export interface DiffRow {
  kind: "added" | "removed" | "context" | "skip";
  /** Line number before / after (1-based), when the line exists there. */
  before?: number;
  after?: number;
  text: string;
}

const CONTEXT = 3;

/**
 * The rows of a line diff, unchanged runs longer than twice the context folded to a `skip` row.
 *
 * @param before The previous text (`""` for an added file).
 * @param after The new text (`""` for a removed file).
 */
export function diffRows(before: string, after: string): DiffRow[] {
  const rows: DiffRow[] = [];
  let a = 1;
  let b = 1;
  const parts = diffLines(before, after);
  parts.forEach((part, index) => {
    const lines = part.value.replace(/\n$/, "").split("\n");
    if (part.added) {
      for (const text of lines) rows.push({ kind: "added", after: b++, text });
    } else if (part.removed) {
      for (const text of lines) rows.push({ kind: "removed", before: a++, text });
    } else {
      const first = index === 0;
      const last = index === parts.length - 1;
      const keepHead = first ? 0 : CONTEXT;
      const keepTail = last ? 0 : CONTEXT;
      if (lines.length > keepHead + keepTail + 1) {
        for (const text of lines.slice(0, keepHead)) rows.push({ kind: "context", before: a++, after: b++, text });
        const skipped = lines.length - keepHead - keepTail;
        rows.push({ kind: "skip", text: `${skipped} unchanged line${skipped === 1 ? "" : "s"}` });
        a += skipped;
        b += skipped;
        for (const text of lines.slice(lines.length - keepTail)) {
          rows.push({ kind: "context", before: a++, after: b++, text });
        }
      } else for (const text of lines) rows.push({ kind: "context", before: a++, after: b++, text });
    }
  });
  return rows;
}

const SIGN = { added: "+", removed: "−", context: " ", skip: "" } as const;

/** The diff of one file. */
export function DiffView(props: { path: string; before: string; after: string }): JSX.Element {
  const rows = useMemo(() => diffRows(props.before, props.after), [props.before, props.after]);
  const changed = rows.some((r) => r.kind === "added" || r.kind === "removed");
  return (
    <div class="diff-view" data-testid="diff-view" data-path={props.path} role="region" aria-label="Diff">
      {!changed && <p class="empty">No change in this file since the previous generation.</p>}
      {changed && (
        <table class="diff-table">
          <tbody>
            {rows.map((row, i) =>
              row.kind === "skip"
                ? (
                  <tr key={i} class="diff-skip">
                    <td colSpan={4}>⋯ {row.text}</td>
                  </tr>
                )
                : (
                  <tr key={i} class={`diff-${row.kind}`} data-kind={row.kind}>
                    <td class="ln">{row.before ?? ""}</td>
                    <td class="ln">{row.after ?? ""}</td>
                    <td class="sign">{SIGN[row.kind]}</td>
                    <td class="text">{row.text}</td>
                  </tr>
                )
            )}
          </tbody>
        </table>
      )}
    </div>
  );
}
