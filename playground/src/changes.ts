/**
 * Change marks: how each file of a generation differs from the previous generation's.
 *
 * @module
 */

/** How a file changed since the previous generation. */
export type ChangeMark = "added" | "changed" | "removed" | "same";

/** The marks of one generation. */
export interface FileChanges {
  /** Every path of the new generation and every removed path → its mark. */
  marks: Record<string, ChangeMark>;
  /** How many files carry each mark. */
  counts: Record<ChangeMark, number>;
}

/**
 * Compares two file maps. With no previous generation (the first one, or a new example), every file is `same`.
 *
 * @param previous The previous generation's files, or `undefined`.
 * @param next The new generation's files.
 * @returns Per-path marks (removed paths included) and counts.
 */
export function markChanges(previous: Record<string, string> | undefined, next: Record<string, string>): FileChanges {
  const marks: Record<string, ChangeMark> = {};
  const counts: Record<ChangeMark, number> = { added: 0, changed: 0, removed: 0, same: 0 };
  const mark = (path: string, value: ChangeMark) => {
    marks[path] = value;
    counts[value]++;
  };
  for (const [path, text] of Object.entries(next)) {
    if (!previous) mark(path, "same");
    else if (!Object.hasOwn(previous, path)) mark(path, "added");
    else mark(path, previous[path] === text ? "same" : "changed");
  }
  if (previous) {
    for (const path of Object.keys(previous)) if (!Object.hasOwn(next, path)) mark(path, "removed");
  }
  return { marks, counts };
}

/**
 * The counts as a short line, most telling first: `2 changed · 1 added · 1 removed`, or `no changes`.
 *
 * @param counts From {@link markChanges}.
 */
export function describeCounts(counts: Record<ChangeMark, number>): string {
  const parts = (["changed", "added", "removed"] as const).filter((k) => counts[k] > 0).map((k) => `${counts[k]} ${k}`);
  return parts.length ? parts.join(" · ") : "no changes";
}
