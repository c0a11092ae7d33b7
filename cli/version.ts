/**
 * The package version, printed by `--version`. Kept equal to `version` in deno.json (a test checks).
 *
 * @module
 */

/** The version of @sync/patterns. */
export const VERSION = "0.1.0";
