/**
 * The selected file against the previous generation, line by line (`diffLines` from the `diff` package), with
 * unchanged runs folded to three lines of context.
 *
 * @module
 */
import type { JSX } from "preact";
import { useMemo } from "preact/hooks";
import { diffRows } from "../diff_rows.ts";

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
