/**
 * The bounded fuzz run of `deno task test` (seeded, so a failure replays): 100 random valid specs and 100 mutated
 * real specs through `generate()` (properties in `properties.ts`), and a consumer type-check of a few random valid
 * specs. The long run is `deno task fuzz` (`main.ts`).
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { generate } from "../../mod.ts";
import { linkConsumerModules, runDeno } from "../consumer/setup.ts";
import { stopParser } from "../helpers/parse.ts";
import { validSpec } from "./arbitraries.ts";
import { mutationProperty, seedSpecs, validSpecProperty } from "./properties.ts";

const SEED = 20261130;

Deno.test("fuzz: 100 random valid specs generate, deterministically, into files that parse and hold no injection", async () => {
  try {
    await fc.assert(validSpecProperty, { seed: SEED, numRuns: 100 });
  } finally {
    await stopParser();
  }
});

Deno.test("fuzz: 100 mutated real specs give output or a SpecError, never another exception", () => {
  const seeds = seedSpecs();
  assert.ok(Object.keys(seeds).length >= 5, "the sales example and the fixtures are there");
  fc.assert(mutationProperty(seeds), { seed: SEED, numRuns: 100 });
});

Deno.test({
  name: "fuzz: the output of 3 random valid specs passes the strict consumer type-check",
  sanitizeResources: false,
  async fn() {
    const out = decodeURIComponent(new URL("../.out/fuzz-check/", import.meta.url).pathname);
    await Deno.remove(out, { recursive: true }).catch(() => {});
    const entries: string[] = [];
    fc.sample(validSpec, { seed: SEED, numRuns: 3 }).forEach((spec, i) => {
      for (const [path, text] of Object.entries(generate(spec).files)) {
        const target = `${out}case-${i}/${path}`;
        Deno.mkdirSync(target.slice(0, target.lastIndexOf("/")), { recursive: true });
        Deno.writeTextFileSync(target, text);
      }
      entries.push(`case-${i}/index.ts`, `case-${i}/collections/index.ts`);
    });
    await linkConsumerModules(out);
    const run = await runDeno("check", ["--quiet", ...entries], out);
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`.slice(0, 6000));
  },
});
