/**
 * The generated output of every spec the tests use (`helpers/test_specs.ts`, and the hand-built sales model):
 *
 * - is formatted: `deno fmt --check` with default options (width 80, double quotes, semicolons) passes over all of
 *   it, though the generator never runs a formatter;
 * - has the tokens it had before the redesign (issue 8), apart from whitespace and line breaks.
 *
 * How the second is checked without a pinned copy of the old output: `OLD_OUTPUT` holds, per spec, a SHA-256 that
 * was computed once from the output of commit ad69391 (the last one before the redesign), after `deno fmt` (which
 * sorts named imports and exports, adds trailing commas and semicolons) and {@link layoutFree}. The test hashes
 * the new output the same way (after `deno fmt` too, so that this test does not depend on the formatting one). Known differences, removed before hashing: the client's fixed code moved from
 * `client/api.ts` into its own module `client/core.ts` (so the old hash leaves that code out of `client/api.ts`,
 * and the new one leaves out `client/core.ts` and the `import`/`export … from "./core.ts"` lines), a few fixed
 * helpers gained an `@internal` JSDoc tag, and patterns valid in Unicode mode are compiled with the `u` flag (issue
 * 12: `new RegExp("…", "u")`, the `, "u"` is taken out before hashing; nothing else in these outputs changed).
 *
 * @module
 */
import assert from "node:assert/strict";
import { generate } from "../src/generate.ts";
import { emitAll } from "../src/emit/emit.ts";
import { salesModel } from "./fixtures/sales_model.ts";
import { denoFmt, layoutFree } from "./helpers/format.ts";
import { testSpecs } from "./helpers/test_specs.ts";

/** Layout-free SHA-256 of each spec's output at commit ad69391 (see the module doc). */
const OLD_OUTPUT: Record<string, string> = {
  "sales.yaml": "ebd814a66c631d9e69700645e7d298ede3967627bcef1df0e36ed381464bd668",
  "corpus": "c610c81d0a6f7de39b37d40cc3c338dcd7b4bf0ad43b7288457fbd8d11a5c92d",
  "school": "605b9500cac677f9bd7f414a6f0b82b4dada14691c3369dc2d1893377f3c8eae",
  "clash": "393f0ce59c3805db1600b292babbba586ebf2e6668b8c216cbdc20701e7132d9",
  "hostile": "7bf287f4f08da5456e211b7a8f6e592320351020539b52b34f77a885d912ac68",
  "upstream/minimal-crud.json": "05c079ea46b6c5a5b7c2357ea5e5942e133a19556e217598322bac27c38398cd",
  "upstream/nested-resources.json": "51a46ef82c7356e711a9359ded9c29cdc0366c4f23abde9c941712d81a703405",
  "upstream/sales-patterns-openapi.json": "155176d5050b201ab1da4a9d5f3d34fa54f9cdeb9be9b7cfcdaf6f7122f0325c",
  "upstream/sample-openapi.json": "3e8f83f1186e586ef39975165da272c1c0983a675ef1004223e23aa274eec872",
  "upstream/with-custom-operations.json": "703be7729f11da04d07c63376e81f793166b0c9d211f526480f4b64bcc6d06f5",
  "upstream/with-entity-references.json": "c13ebe68a359e3c541c2676b8fa2e31c72f45c0d1302d29ddc23d964e01f2be2",
  "upstream/with-security-global.json": "7aea2121b4b28d8b79a9900ee6d44ba374c900a0ef8b9a4aa043774dbfba3614",
  "upstream/with-security-operation.json": "ed6ab93ecfbd950a2501245e0acf5358c085b4d244581d236c10a4c83b27f589",
  "upstream/with-security-override.json": "a90e31d7c9774720d5c54a4f316f5ba547b03b27ac8d7ca0a89628b7c118794c",
  "upstream/with-security-path.json": "dbf001f2c359e95d4b9fab1f4f6e036865d3516b7181cd87afde01c978b31925",
  "upstream/with-sync-modes.json": "47a8e2b53b75974cd20a41ce4f03e2a98632024b12870151dd2562af40ac32f3",
  "salesModel (emitAll)": "eb961a247b8d83621c907ccfe5d0094d36b02a28273e8316ead8faa86b6c57ab",
};

function outputs(): Record<string, Record<string, string>> {
  const all: Record<string, Record<string, string>> = {};
  for (const [name, spec] of Object.entries(testSpecs())) all[name] = generate(spec).files;
  all["salesModel (emitAll)"] = emitAll(salesModel);
  return all;
}

/** The layout-free text of an output with the known differences taken out (see the module doc). */
function comparable(files: Record<string, string>): string {
  let all = "";
  for (const path of Object.keys(files).sort()) {
    if (path === "client/core.ts") continue;
    let text = layoutFree(files[path]).replaceAll("@internal*/", "*/").replaceAll(',"u"))', "))");
    if (path.startsWith("client/")) text = text.replace(/(?:import|export)(?:type)?\{[^}]*\}from"\.\/core\.ts";/g, "");
    all += `${path}\n${text}\n`;
  }
  return all;
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

Deno.test({
  name: "output: every generated file passes `deno fmt --check` with default options",
  permissions: { read: true, write: true, run: true, env: true },
  async fn() {
    const all: Record<string, string> = {};
    for (const [name, files] of Object.entries(outputs())) {
      for (const [path, text] of Object.entries(files)) all[`${name.replace(/[^\w.-]+/g, "_")}/${path}`] = text;
    }
    const { unformatted, report } = await denoFmt(all);
    assert.deepEqual(unformatted, [], report.slice(0, 4000));
  },
});

Deno.test({
  name: "output: the tokens are those of the output before the redesign, apart from whitespace and line breaks",
  permissions: { read: true, write: true, run: true, env: true },
  async fn() {
    const mismatched: string[] = [];
    for (const [name, files] of Object.entries(outputs())) {
      if (!(name in OLD_OUTPUT)) continue;
      const text = comparable((await denoFmt(files)).formatted);
      if (Deno.env.get("OUTPUT_TEST_DUMP")) {
        await Deno.writeTextFile(`${Deno.env.get("OUTPUT_TEST_DUMP")}/${encodeURIComponent(name)}.txt`, text);
      }
      if (await sha256(text) !== OLD_OUTPUT[name]) mismatched.push(name);
    }
    assert.deepEqual(mismatched, []);
  },
});
