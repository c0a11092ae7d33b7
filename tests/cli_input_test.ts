/**
 * Hostile spec inputs at the CLI: size limits, devices and FIFOs, byte order marks and encodings, deep
 * specs. Each failure is one line, exit 1, no stack trace.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { main } from "../cli.ts";
import { decodeSpec, readSpecFile } from "../cli/read_spec.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SALES_SPEC = join(ROOT, "examples", "sales", "openapi.yaml");

interface RunResult {
  code: number;
  out: string[];
  err: string[];
}

async function cli(args: string[]): Promise<RunResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {
    stdout: (l) => out.push(...l.split("\n")),
    stderr: (l) => err.push(...l.split("\n")),
    env: () => undefined,
  });
  return { code, out, err };
}

async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "sync-patterns-input-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function oneLineError(r: RunResult, pattern: RegExp): void {
  assert.equal(r.code, 1, r.err.join("\n"));
  assert.equal(r.err.length, 1, r.err.join("\n"));
  assert.match(r.err[0], pattern);
  assert.doesNotMatch(r.err[0], /internal error/);
}

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes[2 + 2 * i + (bigEndian ? 0 : 1)] = c >> 8;
    bytes[2 + 2 * i + (bigEndian ? 1 : 0)] = c & 0xff;
  }
  return bytes;
}

Deno.test("input size: a file past --max-input-size is refused, and /dev/zero stops at the default limit", async () => {
  const r = await cli(["inspect", SALES_SPEC, "--max-input-size", "0.001"]);
  oneLineError(r, /^error: spec '.*openapi\.yaml' is larger than the input size limit of 0\.001 MB.*--max-input-size/);
  assert.equal((await cli(["inspect", SALES_SPEC, "--max-input-size", "1"])).code, 0);
  const started = performance.now();
  const zero = await cli(["generate", "/dev/zero"]); // default: 256 MB, then stop
  oneLineError(zero, /^error: spec '\/dev\/zero' is larger than the input size limit of 256 MB/);
  console.log(`/dev/zero refused after 256 MB in ${Math.round(performance.now() - started)} ms`);
});

Deno.test("a FIFO spec (as from <(curl …)) is read; a directory is one line", async () => {
  await withTempDir(async (tmp) => {
    const fifo = join(tmp, "spec.fifo");
    const made = await new Deno.Command("mkfifo", { args: [fifo] }).output();
    assert.equal(made.code, 0, "mkfifo");
    const writer = (async () => {
      const f = await Deno.open(fifo, { write: true });
      await f.write(await Deno.readFile(SALES_SPEC));
      f.close();
    })();
    const r = await cli(["inspect", fifo, "--json"]);
    await writer;
    assert.equal(r.code, 0, r.err.join("\n"));
    assert.equal(JSON.parse(r.out.join("\n")).model.entities.length, 4);
    oneLineError(await cli(["inspect", tmp]), /^error: cannot read spec '.*': it is a directory$/);
  });
});

Deno.test("encodings: UTF-8 with a BOM and UTF-16 LE/BE with a BOM give the same result as UTF-8", async () => {
  const text = await Deno.readTextFile(SALES_SPEC);
  const want = await cli(["inspect", SALES_SPEC, "--json"]);
  await withTempDir(async (tmp) => {
    const variants: [string, Uint8Array][] = [
      ["utf8-bom", new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)])],
      ["utf16le", utf16(text, false)],
      ["utf16be", utf16(text, true)],
    ];
    for (const [name, bytes] of variants) {
      const path = join(tmp, `${name}.yaml`);
      await Deno.writeFile(path, bytes);
      const r = await cli(["inspect", path, "--json"]);
      assert.equal(r.code, 0, `${name}: ${r.err.join("\n")}`);
      assert.deepEqual(JSON.parse(r.out.join("\n")).model, JSON.parse(want.out.join("\n")).model, name);
    }
  });
});

Deno.test("encodings: UTF-32, BOM-less UTF-16 and invalid UTF-8 are named, one line", async () => {
  await withTempDir(async (tmp) => {
    const cases: [string, Uint8Array, RegExp][] = [
      ["u32le", new Uint8Array([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0]), /it is UTF-32 \(little-endian\) text/],
      ["u32be", new Uint8Array([0, 0, 0xfe, 0xff, 0, 0, 0, 0x7b]), /it is UTF-32 \(big-endian\) text/],
      ["u16le", new Uint8Array([0x7b, 0, 0x7d, 0]), /UTF-16 \(little-endian\) text without a byte order mark/],
      ["u16be", new Uint8Array([0, 0x7b, 0, 0x7d]), /UTF-16 \(big-endian\) text without a byte order mark/],
      ["latin1", new Uint8Array([0x6f, 0x70, 0x65, 0x6e, 0xe9, 0x0a]), /it is not valid UTF-8 text/],
      ["utf16-odd", new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x00, 0xd8]), /it is not valid UTF-16LE text/],
    ];
    for (const [name, bytes, pattern] of cases) {
      const path = join(tmp, name);
      await Deno.writeFile(path, bytes);
      oneLineError(await cli(["inspect", path]), pattern);
    }
  });
  assert.equal(decodeSpec(new Uint8Array([0xfe, 0xff, 0, 0x7b, 0, 0x7d]), "x"), "{}");
});

Deno.test("encodings: a U+FFFD written in the spec is kept; a broken byte beside one is still refused", () => {
  const utf8 = new TextEncoder().encode('{"x": "\uFFFD"}');
  assert.equal(decodeSpec(utf8, "x"), '{"x": "\uFFFD"}');
  assert.equal(decodeSpec(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]), "x"), '{"x": "\uFFFD"}', "after a BOM");
  assert.throws(() => decodeSpec(new Uint8Array([...utf8, 0xe9]), "x"), /it is not valid UTF-8 text/);
});

Deno.test("reading: a spec is read whole whatever its size against the 1 MB read chunk, and a FIFO too", async () => {
  await withTempDir(async (tmp) => {
    const description = "é".repeat(700_000); // 1.4 MB of two-byte characters: crosses the chunk size
    const spec = JSON.stringify({ openapi: "3.1.0", info: { title: "t", version: "1", description }, paths: {} });
    await Deno.writeTextFile(join(tmp, "big.json"), spec);
    assert.equal(await readSpecFile(join(tmp, "big.json"), 8 * 1024 * 1024), spec);
    const fifo = join(tmp, "spec.fifo");
    const made = await new Deno.Command("mkfifo", { args: [fifo] }).output().catch(() => undefined);
    if (made?.success) {
      const writing = Deno.writeTextFile(fifo, spec);
      assert.equal(await readSpecFile(fifo, 8 * 1024 * 1024), spec);
      await writing;
    }
  });
});

Deno.test("deep specs through the CLI: spec/too-deep, one line, exit 1", async () => {
  await withTempDir(async (tmp) => {
    let yaml = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\nx-deep:\n";
    for (let i = 0, indent = "  "; i < 5000; i++, indent += "  ") yaml += `${indent}-\n`;
    await Deno.writeTextFile(join(tmp, "deep.yaml"), yaml);
    oneLineError(await cli(["generate", join(tmp, "deep.yaml"), "-o", join(tmp, "out")]), /\[spec\/too-deep\]$/);
    assert.deepEqual([...Deno.readDirSync(tmp)].map((e) => e.name), ["deep.yaml"], "nothing written");
  });
});
