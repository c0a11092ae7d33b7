/**
 * `deno task golden:update`: rewrites `tests/golden/corpus_sample.json` with the fingerprints of the current output
 * (see `tests/helpers/golden_sample.ts`) and prints which specs changed. Run it only when the output changed on
 * purpose, and commit the diff with the change.
 *
 * @module
 */
import { GOLDEN_FILE, goldenSample, goldenText, readGolden } from "./helpers/golden_sample.ts";

const before = (await readGolden()) ?? {};
const after = await goldenSample();
await Deno.writeTextFile(GOLDEN_FILE, goldenText(after));
const changed = Object.keys({ ...before, ...after }).filter((name) =>
  JSON.stringify(before[name]) !== JSON.stringify(after[name])
);
console.log(`${GOLDEN_FILE.pathname}: ${Object.keys(after).length} specs, ${changed.length} changed`);
for (const name of changed) console.log(`  ${name}`);
