/**
 * The long fuzz run (`deno task fuzz`): thousands of random valid specs and mutated real specs through `generate()`.
 * Prints the cases run, the time, and for a failure the seed, the path and the shrunk counterexample (replay with
 * `deno task fuzz --seed <seed> --path <path>`).
 *
 * Usage: `deno task fuzz [--valid 2000] [--mutations 5000] [--typecheck 10] [--seed <n>] [--path <p>]`
 *
 * @module
 */
import fc from "fast-check";
import { parseArgs } from "node:util";
import { stopParser } from "../helpers/parse.ts";
import { mutationProperty, seedSpecs, typecheckSample, validSpecProperty } from "./properties.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    valid: { type: "string", default: "2000" },
    mutations: { type: "string", default: "5000" },
    seed: { type: "string" },
    path: { type: "string" },
    typecheck: { type: "string", default: "10" },
  },
});
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
let failed = false;

async function run<T>(name: string, runs: number, check: () => Promise<fc.RunDetails<T>>): Promise<void> {
  const start = performance.now();
  const details = await check();
  const seconds = ((performance.now() - start) / 1000).toFixed(1);
  console.log(
    `${name}: ${details.numRuns} cases of ${runs} in ${seconds} s, seed ${seed}: ${details.failed ? "FAILED" : "ok"}`,
  );
  if (details.failed) {
    failed = true;
    console.log(fc.defaultReportMessage(details));
    console.log(
      `Error: ${details.errorInstance instanceof Error ? details.errorInstance.message : details.errorInstance}`,
    );
    const file = `tests/.out/fuzz-${name.replace(/\W+/g, "-")}-${seed}.json`;
    await Deno.mkdir("tests/.out", { recursive: true });
    await Deno.writeTextFile(file, JSON.stringify(details.counterexample, null, 2));
    console.log(`Counterexample written to ${file}`);
  }
}

const params = { seed, path: values.path };
try {
  const valid = Number(values.valid);
  const mutated = Number(values.mutations);
  if (valid > 0) await run("valid specs", valid, () => fc.check(validSpecProperty, { ...params, numRuns: valid }));
  if (mutated > 0) {
    const property = mutationProperty(seedSpecs());
    await run("mutated specs", mutated, () => Promise.resolve(fc.check(property, { ...params, numRuns: mutated })));
  }
  const typecheck = Number(values.typecheck);
  if (typecheck > 0) {
    const start = performance.now();
    const check = await typecheckSample(seed, typecheck);
    const seconds = ((performance.now() - start) / 1000).toFixed(1);
    console.log(`type-check: ${typecheck} random specs in ${seconds} s, seed ${seed}: ${check.code ? "FAILED" : "ok"}`);
    if (check.code) {
      failed = true;
      console.log(`${check.stdout}\n${check.stderr}`.slice(0, 6000), "\n(the output is in tests/.out/fuzz-check/)");
    }
  }
} finally {
  await stopParser();
}
if (failed) Deno.exit(1);
