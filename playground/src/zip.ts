/**
 * "Download zip": the generated files as one zip (fflate, loaded on first use), named after the API.
 *
 * @module
 */

/** `Sales API` → `sales-api`. */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "data-layer";
}

/**
 * Zips the files and hands the zip to the browser as a download.
 *
 * @param files Relative path → text.
 * @param title The API's title, for the file name (`<slug>-generated.zip`).
 */
export async function downloadZip(files: Record<string, string>, title: string): Promise<void> {
  const { strToU8, zipSync } = await import("fflate");
  const zip = zipSync(Object.fromEntries(Object.entries(files).map(([path, text]) => [path, strToU8(text)])));
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([zip as Uint8Array<ArrayBuffer>], { type: "application/zip" }));
  link.download = `${slug(title)}-generated.zip`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
