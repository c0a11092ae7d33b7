/**
 * The fixed output code (`fixed/`, laid out like the output) as an app sees it: copied to `tests/.out/fixed/` next
 * to a link to the consumer `node_modules`, type-checked with the strict consumer config (the stub of the generated
 * `collections/store.ts` stands in for the real one), and its unit tests (`fixed/**\/*_test.ts`: the loader's
 * subset planning, paging and fan-out) run there.
 *
 * @module
 */
import assert from "node:assert/strict";
import { linkConsumerModules, runDeno } from "./consumer/setup.ts";

const path = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname).replace(/\/$/, "");
const FIXED = path("../fixed");
const OUT = path("./.out/fixed");

async function copyTree(from: string, to: string, prefix = ""): Promise<string[]> {
  const files: string[] = [];
  await Deno.mkdir(`${to}/${prefix}`, { recursive: true });
  for await (const entry of Deno.readDir(`${from}/${prefix}`)) {
    const rel = prefix + entry.name;
    if (entry.isDirectory && entry.name !== "node_modules") files.push(...await copyTree(from, to, `${rel}/`));
    else if (entry.isFile && rel.endsWith(".ts")) {
      await Deno.copyFile(`${from}/${rel}`, `${to}/${rel}`);
      files.push(rel);
    }
  }
  return files.sort();
}

async function setUp(): Promise<string[]> {
  await Deno.remove(OUT, { recursive: true }).catch(() => {});
  const files = await copyTree(FIXED, OUT);
  await linkConsumerModules(OUT);
  return files;
}

Deno.test({
  name: "fixed: every fixed file type-checks with the consumer config, and its unit tests pass",
  permissions: { read: true, write: true, run: true, env: true },
  async fn() {
    const files = await setUp();
    assert.ok(files.includes("collections/shared_test.ts") && files.includes("client/core.ts"), files.join(", "));
    const check = await runDeno("check", ["--quiet", ...files], OUT);
    assert.equal(check.code, 0, check.stdout + check.stderr);
    const tests = files.filter((f) => f.endsWith("_test.ts"));
    const run = await runDeno("test", ["--quiet", "--allow-read", ...tests], OUT);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /ok \| \d+ passed \| 0 failed/);
  },
});
