/**
 * The share link codec: the spec and the options in the URL hash, deflated (`CompressionStream("deflate-raw")`) and
 * base64url-encoded, so that a link holds the whole session and no server sees it.
 *
 * Hash format: `#s=<base64url of deflate-raw(UTF-8 JSON { v: 1, spec, syncMode })>`.
 *
 * @module
 */
import type { SyncMode } from "../../mod.ts";

/** What a share link holds. */
export interface SharedState {
  /** The spec text, exactly as it was in the editor. */
  spec: string;
  /** The generator's default sync mode. */
  syncMode: SyncMode;
}

const PREFIX = "#s=";
const VERSION = 1;

/** Bytes → base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  const CHUNK = 0x8000; // String.fromCharCode takes its arguments on the stack
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/**
 * Base64url (padding optional) → bytes.
 *
 * @throws {Error} When the text is not base64url.
 */
export function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error("Share link: the data is not base64url");
  const base64 = text.replaceAll("-", "+").replaceAll("_", "/") + "===".slice((text.length + 3) % 4);
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    throw new Error("Share link: the data is not base64url");
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/**
 * Encodes the state as a URL hash (with its `#`).
 *
 * @param state The spec and options.
 * @returns `#s=…`
 */
export async function encodeShareHash(state: SharedState): Promise<string> {
  const json = JSON.stringify({ v: VERSION, spec: state.spec, syncMode: state.syncMode });
  const deflated = await pipe(new TextEncoder().encode(json), new CompressionStream("deflate-raw"));
  return PREFIX + toBase64Url(deflated);
}

/** Whether a URL hash is a share link (it may still be corrupt). */
export function isShareHash(hash: string): boolean {
  return hash.startsWith(PREFIX);
}

/**
 * Decodes a share hash made by {@link encodeShareHash}.
 *
 * @param hash The URL hash, with its `#`.
 * @returns The state.
 * @throws {Error} With a one-line message when the hash is not a share link, or is truncated or corrupt.
 */
export async function decodeShareHash(hash: string): Promise<SharedState> {
  if (!isShareHash(hash)) throw new Error("Share link: the address has no shared spec (#s=…)");
  const bytes = fromBase64Url(hash.slice(PREFIX.length));
  let json: string;
  try {
    json = new TextDecoder("utf-8", { fatal: true }).decode(await pipe(bytes, new DecompressionStream("deflate-raw")));
  } catch {
    throw new Error("Share link: the data is truncated or corrupt (copy the whole link)");
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error("Share link: the data is truncated or corrupt (copy the whole link)");
  }
  const state = value as Partial<{ v: number; spec: unknown; syncMode: unknown }>;
  if (typeof state !== "object" || state === null || state.v !== VERSION || typeof state.spec !== "string") {
    throw new Error("Share link: unknown format (made by another version of the playground?)");
  }
  const syncMode: SyncMode = state.syncMode === "confirmed" ? "confirmed" : "optimistic";
  return { spec: state.spec, syncMode };
}
