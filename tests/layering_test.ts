/**
 * The layers of the generator, from the bottom: `src/embedded/` (data only), `src/names/` (identifier rules,
 * inflection, name scopes, reserved names), `src/spec/` (text → document), `src/model/` (document → model),
 * `src/graph/` (a view of the model), `src/emit/` (model → files), `src/generate_core.ts` (the pipeline) and
 * `src/generate.ts` (the pipeline with the YAML parser). A module imports only from its own layer and those below
 * it that it needs; this test reads every import of `src/` and checks that.
 *
 * @module
 */
import assert from "node:assert/strict";
import { dirname, join, relative } from "node:path";

const SRC = decodeURIComponent(new URL("../src/", import.meta.url).pathname);

/** Layer → the layers its modules may import from (besides their own and npm packages). */
const ALLOWED: Record<string, readonly string[]> = {
  "embedded": [],
  "names": ["embedded"],
  "spec": [],
  "model": ["spec", "names"],
  "graph": ["model"],
  "emit": ["embedded", "names", "model"],
  "generate_core.ts": ["spec", "model", "emit", "generate.ts"], // the pipeline; types from generate.ts
  "generate.ts": ["spec", "model", "generate_core.ts"], // generate_core.ts with the YAML parser
};

function layerOf(file: string): string {
  return relative(SRC, file).split("/")[0];
}

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of Deno.readDirSync(dir)) {
    const full = join(dir, entry.name);
    if (entry.isDirectory) out.push(...sources(full));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith("_test.ts")) out.push(full);
  }
  return out.sort();
}

/** The relative modules a source imports or re-exports. */
function imports(text: string): string[] {
  return [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+"(\.[^"]+)"/gm)].map((m) => m[1]);
}

Deno.test({
  name: "layering: spec/ imports nothing from model/ or emit/, model/ nothing from emit/, names/ only embedded data",
  permissions: { read: true },
  fn() {
    const wrong: string[] = [];
    const files = sources(SRC);
    assert.ok(files.length > 30, "the sources were found");
    for (const file of files) {
      const from = layerOf(file);
      const allowed = ALLOWED[from];
      assert.ok(allowed !== undefined, `${relative(SRC, file)}: a layer this test does not know`);
      for (const spec of imports(Deno.readTextFileSync(file))) {
        const to = layerOf(join(dirname(file), spec));
        if (to !== from && !allowed.includes(to)) wrong.push(`${relative(SRC, file)} → ${spec}`);
      }
    }
    assert.deepEqual(wrong, []);
  },
});

Deno.test("layering: the import reader sees imports, type imports and re-exports", () => {
  const text = 'import { a } from "./a.ts";\nimport type {\n  B,\n} from "../b.ts";\nexport * from "./c.ts";\n';
  assert.deepEqual(imports(text), ["./a.ts", "../b.ts", "./c.ts"]);
});
