/**
 * Reading specs from outside the editor: a `?url=` address or a dropped / opened file, with one-line messages
 * a person can act on.
 *
 * @module
 */

/**
 * Fetches a spec.
 *
 * @param address Absolute, or relative to the page.
 * @returns The text.
 * @throws {Error} With a one-line message: HTTP status, or a network / CORS failure.
 */
export async function fetchSpec(address: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(new URL(address, document.baseURI), { credentials: "omit" });
  } catch {
    throw new Error(
      `Could not load ${address}: the server did not answer or does not allow cross-origin requests (CORS)`,
    );
  }
  if (!response.ok) {
    throw new Error(
      `Could not load ${address}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`,
    );
  }
  return await response.text();
}

/** A spec file's text (UTF-8). */
export async function readSpecFile(file: File): Promise<string> {
  return await file.text();
}
