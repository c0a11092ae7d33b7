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
 * A file stem (the part before the extensions) that is safe on every file system: a device name gets a `_`
 * (`con` → `con_`), anything else is returned as it is. Deterministic, so the same spec keeps the same files.
 *
 * @example
 * ```ts
 * import { portableFileStem } from "./files.ts";
 * portableFileStem("aux"); // => "aux_"
 * portableFileStem("orders"); // => "orders"
 * ```
 */
export function portableFileStem(stem: string): string {
  return isWindowsDeviceName(stem) ? `${stem}_` : stem;
}
