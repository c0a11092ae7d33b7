/**
 * The bounded fuzz run of `deno task test` (seeded, so a failure replays): 100 random valid specs and 100 mutated
 * real specs through `generate()` (properties in `properties.ts`), and a consumer type-check of a few random valid
 * specs. The long run is `deno task fuzz` (`main.ts`).
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { stopParser } from "../helpers/parse.ts";
import { mutationProperty, seedSpecs, typecheckSample, validSpecProperty } from "./properties.ts";

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
    const run = await typecheckSample(SEED, 3);
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`.slice(0, 6000));
  },
});
