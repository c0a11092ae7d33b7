/**
 * The properties the fuzz harness checks, as fast-check properties over the arbitraries of `arbitraries.ts`:
 *
 * - a valid spec: `generate()` does not throw, gives the same output twice, every file parses (esbuild), no comment
 *   closes early (the `INJECTED()` payload of hostile text never becomes code), no bidi control is emitted raw, and
 *   the file paths are portable (short, lower-case ASCII, no Windows device name, no two equal but for case);
 * - a mutated real spec (as an object, JSON text or YAML text, after structural and text edits): `generate()` gives
 *   output or throws a `SpecError`, never any other exception.
 *
 * @module
 */
import fc from "fast-check";
import { parse as yamlParse, stringify as yamlStringify } from "yaml";
import { generate, SpecError } from "../../mod.ts";
import { isWindowsDeviceName } from "../../src/names/files.ts";
import { testSpecs } from "../helpers/test_specs.ts";
import { transformed } from "../helpers/parse.ts";
import { type DenoRun, linkConsumerModules, runDeno } from "../consumer/setup.ts";
import { editText, mutate, mutations, textEdits, validSpec } from "./arbitraries.ts";

const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** The code without its string and template literals (esbuild picks the quote that needs the fewest escapes). */
function withoutStrings(code: string): string {
  return code.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');
}

/** Checks one valid spec; throws an Error that says what broke. */
export async function checkValidSpec(spec: Record<string, unknown>): Promise<void> {
  const first = generate(spec);
  const second = generate(structuredClone(spec));
  const paths = Object.keys(first.files);
  if (JSON.stringify(first.files) !== JSON.stringify(second.files)) throw new Error("output differs between two runs");
  if (JSON.stringify(first.diagnostics) !== JSON.stringify(second.diagnostics)) {
    throw new Error("diagnostics differ between two runs");
  }
  if (paths.length < 10) throw new Error(`only ${paths.length} files: ${paths.join(", ")}`);
  const folded = new Set<string>();
  for (const path of paths) {
    for (const part of path.split("/")) {
      if (new TextEncoder().encode(part).length > 255) throw new Error(`a file name longer than 255 bytes: ${path}`);
      if (isWindowsDeviceName(part)) throw new Error(`a Windows device name: ${path}`);
    }
    if (!/^[a-z0-9_./-]+$/.test(path)) throw new Error(`a path with other characters: ${JSON.stringify(path)}`);
    if (folded.has(path.toLowerCase())) throw new Error(`two paths differ only in case: ${path}`);
    folded.add(path.toLowerCase());
  }
  for (const path of paths) {
    const code = first.files[path];
    const bidi = BIDI.exec(code);
    if (bidi) throw new Error(`${path}: raw U+${bidi[0].charCodeAt(0).toString(16)} at ${bidi.index}`);
    let js: string;
    try {
      js = await transformed(code);
    } catch (e) {
      const errors = (e as { errors?: { text: string; location?: { line: number; lineText: string } }[] }).errors;
      const at = errors?.[0]?.location;
      throw new Error(`${path} does not parse: ${errors?.[0]?.text ?? e} at line ${at?.line}: ${at?.lineText}`);
    }
    if (/INJECTED/.test(withoutStrings(js))) throw new Error(`${path}: text from the spec became code`);
  }
}

/** The property over valid specs. */
export const validSpecProperty: fc.IAsyncPropertyWithHooks<[Record<string, unknown>]> = fc.asyncProperty(
  validSpec,
  checkValidSpec,
);

/** The real specs mutations start from: the sales example, the fixtures, the upstream specs when present. */
export function seedSpecs(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(testSpecs())) out[name] = typeof spec === "string" ? yamlParse(spec) : spec;
  return out;
}

/** Runs generate() on one input and lets only a SpecError through; throws anything else. */
export function checkMutatedInput(input: string | object): void {
  try {
    generate(input);
  } catch (e) {
    if (e instanceof SpecError) return;
    const error = e instanceof Error ? e : new Error(String(e));
    throw new Error(`not a SpecError: ${error.name}: ${error.message}\n${error.stack ?? ""}`.slice(0, 2000));
  }
}

/** The property over mutated real specs (seeded from {@link seedSpecs}). */
export function mutationProperty(seeds: Record<string, unknown>): fc.IPropertyWithHooks<[unknown]> {
  const names = Object.keys(seeds);
  const input = fc.record({
    source: fc.constantFrom(...names),
    changes: mutations,
    form: fc.constantFrom("object", "json", "yaml"),
    // most texts stay parseable, so that mutations reach the model and the emitters, not only the parsers
    edits: fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: textEdits }),
  });
  return fc.property(input, ({ source, changes, form, edits }) => {
    const doc = mutate(seeds[source], changes) as object;
    if (form === "object") return checkMutatedInput(doc);
    const text = form === "json" ? JSON.stringify(doc, null, 1) : yamlStringify(doc, { aliasDuplicateObjects: false });
    checkMutatedInput(editText(text, edits));
  });
}

/**
 * Writes the output of `count` random valid specs (from `seed`) under `tests/.out/fuzz-check/case-<i>/` and runs the
 * strict consumer `deno check` over them (slow: a few seconds per case).
 */
export async function typecheckSample(seed: number, count: number): Promise<DenoRun> {
  const out = decodeURIComponent(new URL("../.out/fuzz-check/", import.meta.url).pathname);
  await Deno.remove(out, { recursive: true }).catch(() => {});
  const entries: string[] = [];
  fc.sample(validSpec, { seed, numRuns: count }).forEach((spec, i) => {
    for (const [path, text] of Object.entries(generate(spec).files)) {
      const target = `${out}case-${i}/${path}`;
      Deno.mkdirSync(target.slice(0, target.lastIndexOf("/")), { recursive: true });
      Deno.writeTextFileSync(target, text);
    }
    entries.push(`case-${i}/index.ts`, `case-${i}/collections/index.ts`);
  });
  await linkConsumerModules(out);
  return await runDeno("check", ["--quiet", ...entries], out);
}
