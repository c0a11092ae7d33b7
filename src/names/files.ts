/**
 * File names that every file system accepts: Windows refuses a file whose name before the first dot is a DOS device
 * (`con`, `aux`, `nul`, `com1`, …) whatever its case and extension, so `con.schema.ts` cannot be written there.
 *
 * @module
 */

/** DOS device names (Windows also treats the superscript digits ¹²³ after COM/LPT as devices). */
const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])$/i;

/**
 * True when `fileName` (with or without extensions) names a Windows device.
 *
 * @example
 * ```ts
 * import { isWindowsDeviceName } from "./files.ts";
 * isWindowsDeviceName("CON.schema.ts"); // => true
 * isWindowsDeviceName("console.ts"); // => false
 * ```
 */
export function isWindowsDeviceName(fileName: string): boolean {
  const stem = fileName.split(".")[0].trimEnd();
  return WINDOWS_DEVICE.test(stem);
}

/**
 * The longest stem a file gets: file systems cap a name at 255 bytes, and Windows a whole path at 260 characters, so
 * an entity named with hundreds of characters must not become a file name as long.
 */
export const MAX_FILE_STEM = 64;

/**
 * A file stem (the part before the extensions) that is safe on every file system: at most {@link MAX_FILE_STEM}
 * characters, and a device name gets a `_` (`con` → `con_`); anything else is returned as it is. Deterministic, so the
 * same spec keeps the same files (the caller's name scope numbers stems that the cut makes equal).
 *
 * @example
 * ```ts
 * import { portableFileStem } from "./files.ts";
 * portableFileStem("aux"); // => "aux_"
 * portableFileStem("orders"); // => "orders"
 * portableFileStem("a".repeat(300)).length; // => 64
 * ```
 */
export function portableFileStem(stem: string): string {
  const short = stem.length > MAX_FILE_STEM ? stem.slice(0, MAX_FILE_STEM).replace(/-+$/, "") : stem;
  return isWindowsDeviceName(short) ? `${short}_` : short;
}
