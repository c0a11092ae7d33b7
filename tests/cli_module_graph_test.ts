/**
 * What the CLI loads: a JSON spec's run never loads the YAML library, and only `inspect --graph svg` loads the
 * graph layout library (each costs start-up time on every cold run). Checked in a child `deno run` whose import
 * map points `yaml` and `@dagrejs/dagre` at modules that re-export them and throw when evaluated: a run that loads
 * one fails.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { parseYaml } from "../src/spec/yaml_text.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "cli.ts");
const SALES_YAML = join(ROOT, "examples", "sales", "openapi.yaml");

interface ChildRun {
  code: number;
  stderr: string;
}

/** A temp folder with a config whose import map replaces `yaml` and `@dagrejs/dagre` by modules that throw. */
async function withSpiedImports(fn: (dir: string, run: (args: string[]) => Promise<ChildRun>) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "sync-patterns-graph-" });
  try {
    const { imports } = JSON.parse(await Deno.readTextFile(join(ROOT, "deno.json")));
    for (const name of ["yaml", "@dagrejs/dagre"]) {
      const file = `spy_${name.replace(/\W/g, "_")}.js`;
      // the real module's exports (the importers link), then a throw when it is evaluated
      const real = JSON.stringify(imports[name]);
      const spy =
        `export * from ${real};\nexport { default } from ${real};\nthrow new Error("module loaded: ${name}");\n`;
      await Deno.writeTextFile(join(dir, file), spy);
      imports[name] = `./${file}`;
    }
    await Deno.writeTextFile(join(dir, "deno.json"), JSON.stringify({ imports }));
    const run = async (args: string[]): Promise<ChildRun> => {
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", "--no-lock", "--config", join(dir, "deno.json"), CLI, ...args],
        cwd: dir,
        stdout: "null",
        stderr: "piped",
      }).output();
      return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
    };
    await fn(dir, run);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("module graph: a JSON spec is generated without loading the YAML or the graph layout library", async () => {
  await withSpiedImports(async (dir, run) => {
    const json = join(dir, "sales.json");
    await Deno.writeTextFile(json, JSON.stringify(parseYaml(await Deno.readTextFile(SALES_YAML)).value, null, 2));
    const generated = await run(["generate", json, "-o", join(dir, "out"), "--quiet"]);
    assert.equal(generated.code, 0, generated.stderr);
    assert.ok((await Deno.stat(join(dir, "out", "index.ts"))).isFile);
    const mermaid = await run(["inspect", json, "--graph", "mermaid"]);
    assert.equal(mermaid.code, 0, mermaid.stderr);

    // the spies work: what needs the libraries loads them and fails here
    const yaml = await run(["generate", SALES_YAML, "-o", join(dir, "out-yaml"), "--quiet"]);
    assert.equal(yaml.code, 1);
    assert.match(yaml.stderr, /module loaded: yaml/);
    const svg = await run(["inspect", json, "--graph", "svg"]);
    assert.equal(svg.code, 1);
    assert.match(svg.stderr, /module loaded: @dagrejs\/dagre/);
  });
});
