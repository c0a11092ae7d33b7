/**
 * The README's React example type-checks against the data layer generated for the bundled sales example, under the
 * strict consumer config (react 19 and the pinned @tanstack packages), so the documented API is the generated one.
 *
 * @module
 */
import assert from "node:assert/strict";
import { generate } from "../src/generate.ts";
import { linkConsumerModules, runDeno } from "./consumer/setup.ts";
import { writeFiles } from "./helpers/typecheck.ts";

const path = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname).replace(/\/$/, "");

/** The README's first `tsx` code block. */
function readmeExample(readme: string): string {
  const match = /```tsx\n([\s\S]*?)```/.exec(readme);
  assert.ok(match, "the README has a tsx example");
  return match[1];
}

Deno.test({
  name: "readme: the React example compiles against the generated sales data layer",
  sanitizeResources: false,
  async fn() {
    const example = readmeExample(await Deno.readTextFile(path("../README.md")));
    assert.ok(example.includes('from "./generated/index.ts"'), "the example imports the generated index");
    const dir = path("./.out/readme");
    await Deno.remove(dir, { recursive: true }).catch(() => {});
    const { files } = generate(await Deno.readTextFile(path("../examples/sales/openapi.yaml")));
    await writeFiles(`${dir}/generated`, files);
    await Deno.writeTextFile(`${dir}/app.tsx`, example);
    await linkConsumerModules(dir);
    const run = await runDeno("check", ["--quiet", "app.tsx"], dir);
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
  },
});
