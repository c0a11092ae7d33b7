/**
 * The rows of the diff view: a line diff (`diffLines` from the `diff` package) with line numbers, unchanged runs
 * folded to a few lines of context.
 *
 * @module
 */
import { diffLines } from "diff";

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
