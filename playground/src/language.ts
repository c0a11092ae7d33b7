/**
 * Which editor mode a spec text needs: JSON or YAML, told apart by content (as the generator does).
 *
 * @module
 */

/**
 * `json` when the text starts with `{` or `[` (after blanks), else `yaml`.
 *
 * @param start The start of the text (its first 256 characters are enough).
 */
export function specLanguage(start: string): "json" | "yaml" {
  return /^\s*[[{]/.test(start) ? "json" : "yaml";
}
