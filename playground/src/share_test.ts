import assert from "node:assert/strict";
import { decodeShareHash, encodeShareHash, fromBase64Url, isShareHash, toBase64Url } from "./share.ts";

Deno.test("share hash: round trip of spec and options", async () => {
  const state = { spec: "openapi: 3.1.0\ninfo:\n  title: T\n", syncMode: "confirmed" as const };
  const hash = await encodeShareHash(state);
  assert.ok(isShareHash(hash));
  assert.match(hash, /^#s=[A-Za-z0-9_-]+$/, "base64url, no padding, safe in a URL");
  assert.deepEqual(await decodeShareHash(hash), state);
});

Deno.test("share hash: unicode survives (accents, CJK, emoji, U+2028)", async () => {
  const spec = "title: Café 東京 🚀\u2028description: «ünïcödé»\n";
  assert.equal((await decodeShareHash(await encodeShareHash({ spec, syncMode: "optimistic" }))).spec, spec);
});

Deno.test("share hash: a big spec round-trips and compresses", async () => {
  const lines: string[] = [];
  for (let i = 0; i < 20_000; i++) lines.push(`  field_${i}: { type: string, description: "Field number ${i}" }`);
  const spec = `openapi: 3.1.0\ncomponents:\n  schemas:\n    Big:\n      properties:\n${lines.join("\n")}\n`;
  const hash = await encodeShareHash({ spec, syncMode: "optimistic" });
  assert.ok(hash.length < spec.length / 4, `compressed to ${hash.length} of ${spec.length} characters`);
  assert.equal((await decodeShareHash(hash)).spec, spec);
});

Deno.test("share hash: corrupt or truncated data gives a clear one-line error", async () => {
  const hash = await encodeShareHash({ spec: "openapi: 3.1.0\n".repeat(50), syncMode: "optimistic" });
  await assert.rejects(() => decodeShareHash(hash.slice(0, hash.length - 12)), /truncated or corrupt/);
  await assert.rejects(() => decodeShareHash("#s=not*base64"), /not base64url/);
  await assert.rejects(() => decodeShareHash("#s=" + toBase64Url(new TextEncoder().encode("garbage"))), /corrupt/);
  await assert.rejects(() => decodeShareHash("#other"), /no shared spec/);
});

Deno.test("share hash: a well-formed payload of another version is refused", async () => {
  const json = new TextEncoder().encode(JSON.stringify({ v: 99, spec: "x" }));
  const deflated = new Uint8Array(
    await new Response(new Blob([json]).stream().pipeThrough(new CompressionStream("deflate-raw"))).arrayBuffer(),
  );
  await assert.rejects(() => decodeShareHash("#s=" + toBase64Url(deflated)), /unknown format/);
});

Deno.test("base64url: every byte value round-trips", () => {
  const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
  assert.deepEqual(fromBase64Url(toBase64Url(bytes)), bytes);
});
