/**
 * Tests of the command line: the file-system planner (`cli/fs.ts`) on fake file maps, the commands
 * in-process with a fake generator (`cli/run.ts`), a few real subprocesses (`deno run -A cli.ts`), and
 * the whole thing with the real generator on examples/sales/openapi.yaml.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { main } from "../cli.ts";
import { run } from "../cli/run.ts";
import { parseCommandLine, parseSyncMode } from "../cli/args.ts";
import { UsageError, UserError } from "../cli/errors.ts";
import { applyPlan, assertSafeRelativePath, hasGeneratedMarker, planWrite, TEMP_SUFFIX } from "../cli/fs.ts";
import { VERSION } from "../cli/version.ts";
import { GENERATED_MARKER } from "../src/emit/print/writer.ts";
import { type Diagnostic, SpecError } from "../src/spec/diagnostics.ts";
import type { GenerateOptions, GenerateResult } from "../src/generate.ts";
import type { Entity, EntityModel } from "../src/model/types.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SALES_SPEC = join(ROOT, "examples", "sales", "openapi.yaml");

// ---------------------------------------------------------------------------------------------
// helpers

const header = `// ${GENERATED_MARKER}. Changes are overwritten on the next run.\n`;
const gen = (body: string) => `${header}${body}\n`;

async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "sync-patterns-cli-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function writeFile(path: string, text: string): Promise<void> {
  await Deno.mkdir(join(path, ".."), { recursive: true });
  await Deno.writeTextFile(path, text);
}

/** Every entry under dir, relative and `/`-separated, directories with a trailing `/`, sorted. */
async function listTree(dir: string, rel = ""): Promise<string[]> {
  const out: string[] = [];
  try {
    for await (const e of Deno.readDir(rel ? join(dir, rel) : dir)) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory) out.push(`${p}/`, ...(await listTree(dir, p)));
      else out.push(p);
    }
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return [];
    throw e;
  }
  return out.sort();
}

function entity(name: string, singular: string, extra: Partial<Entity> = {}): Entity {
  const pascal = singular.charAt(0).toUpperCase() + singular.slice(1);
  return {
    name,
    singular,
    pascalName: pascal,
    names: {
      pascal,
      pascalPlural: pascal + "s",
      camel: singular,
      camelPlural: name,
      fileSingular: singular,
      filePlural: name,
    },
    primaryKey: { name: "id", type: "uuid" },
    syncMode: "optimistic",
    operations: {},
    customOperations: [],
    schemas: { item: { kind: "object", properties: [], additionalProperties: false } },
    filters: [],
    relationships: [],
    pointer: `/paths/~1${name}`,
    ...extra,
  };
}

function fakeModel(entities: Entity[]): EntityModel {
  return { title: "Fake", version: "1.0.0", openapi: "3.1.0", entities, schemas: [], operations: [] };
}

/**
 * A stand-in for generate(): the "spec" is JSON `{ files, entities?, diagnostics?, specError?, crash? }`.
 * Records the options of each call.
 */
function fakeGenerator(calls: GenerateOptions[] = []) {
  return (text: string, options: GenerateOptions): GenerateResult => {
    calls.push(options);
    const spec = JSON.parse(text) as {
      files?: Record<string, string>;
      entities?: string[];
      diagnostics?: Diagnostic[];
      specError?: Diagnostic;
      crash?: string;
    };
    if (spec.specError) throw new SpecError(spec.specError);
    if (spec.crash) throw new TypeError(spec.crash);
    const entities = (spec.entities ?? []).map((n) => entity(n, n.replace(/s$/, "")));
    return {
      files: spec.files ?? {},
      model: fakeModel(entities),
      graph: { nodes: [], edges: [] },
      diagnostics: spec.diagnostics ?? [],
    };
  };
}

interface RunResult {
  code: number;
  out: string[];
  err: string[];
}

/** Runs the CLI in-process with the fake generator. */
async function cli(args: string[], env: Record<string, string> = {}, calls?: GenerateOptions[]): Promise<RunResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, {
    out: (l) => out.push(...l.split("\n")),
    err: (l) => err.push(...l.split("\n")),
    env: (name) => env[name],
    generate: fakeGenerator(calls),
  });
  return { code, out, err };
}

/** Runs the CLI in-process with the real generator. */
async function realCli(args: string[]): Promise<RunResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {
    stdout: (l) => out.push(...l.split("\n")),
    stderr: (l) => err.push(...l.split("\n")),
    env: () => undefined,
  });
  return { code, out, err };
}

/** Runs `deno <denoArgs>` in the repository root as a real process. */
async function subprocess(denoArgs: string[], cwd = ROOT): Promise<RunResult> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: denoArgs,
    cwd,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
    clearEnv: false,
  }).output();
  const lines = (b: Uint8Array) => new TextDecoder().decode(b).split("\n").filter((l) => l !== "");
  return { code, out: lines(stdout), err: lines(stderr) };
}

async function writeSpec(dir: string, spec: unknown): Promise<string> {
  const path = join(dir, "spec.json");
  await Deno.writeTextFile(path, JSON.stringify(spec));
  return path;
}

function assertNoStack(lines: string[]): void {
  assert.ok(!lines.some((l) => /^\s+at /.test(l)), `unexpected stack trace:\n${lines.join("\n")}`);
}

// ---------------------------------------------------------------------------------------------
// cli/fs.ts: the planner and the writer, on fake file maps

/** The lines but the sales example's load-cost warnings (issue 9: `[data-layer/…]`, the API's honest costs). */
function withoutLoadCosts(lines: string[]): string[] {
  return lines.filter((line) => !/^warning in .*\[data-layer\/[a-z-]+\]$/.test(line));
}

Deno.test("hasGeneratedMarker looks at the first line only", () => {
  assert.equal(hasGeneratedMarker(gen("export {};")), true);
  assert.equal(hasGeneratedMarker(`// ${GENERATED_MARKER}`), true);
  assert.equal(hasGeneratedMarker(`export {};\n// ${GENERATED_MARKER}\n`), false);
  assert.equal(hasGeneratedMarker(""), false);
});

Deno.test("assertSafeRelativePath rejects paths that leave the output directory", () => {
  for (const ok of ["index.ts", "schemas/order.ts", "a/b/c.ts", ".hidden.ts"]) assertSafeRelativePath(ok);
  for (const bad of ["", "/abs.ts", "../x.ts", "a/../../x.ts", "a//b.ts", "./a.ts", "a\\b.ts", "C:/x.ts", "a/"]) {
    assert.throws(() => assertSafeRelativePath(bad), /not a safe relative path/, bad);
  }
});

Deno.test("planWrite + applyPlan: a missing directory is created, then everything is unchanged", async () => {
  await withTempDir(async (tmp) => {
    const out = join(tmp, "deep", "generated");
    const files = { "index.ts": gen("export * from './schemas/order.ts';"), "schemas/order.ts": gen("export {};") };
    const plan = await planWrite(out, files);
    assert.deepEqual(plan.writes.map((w) => [w.kind, w.path]), [["create", "index.ts"], [
      "create",
      "schemas/order.ts",
    ]]);
    assert.deepEqual([plan.unchanged, plan.stale, plan.remove, plan.conflicts], [[], [], [], []]);
    assert.deepEqual(await listTree(tmp), [], "planning writes nothing");

    const done = await applyPlan(plan);
    assert.equal(done.written, 2);
    assert.deepEqual(await listTree(out), ["index.ts", "schemas/", "schemas/order.ts"], "no temp files left");
    assert.equal(await Deno.readTextFile(join(out, "schemas", "order.ts")), files["schemas/order.ts"]);

    const again = await planWrite(out, files);
    assert.deepEqual(again.writes, []);
    assert.deepEqual(again.unchanged, ["index.ts", "schemas/order.ts"]);
  });
});

Deno.test("planWrite: changed generated files are updates, equal ones are left alone", async () => {
  await withTempDir(async (out) => {
    await writeFile(join(out, "a.ts"), gen("old"));
    await writeFile(join(out, "b.ts"), gen("same"));
    const before = (await Deno.stat(join(out, "b.ts"))).mtime;
    const plan = await planWrite(out, { "a.ts": gen("new"), "b.ts": gen("same"), "c.ts": gen("c") });
    assert.deepEqual(plan.writes.map((w) => [w.kind, w.path]), [["update", "a.ts"], ["create", "c.ts"]]);
    assert.deepEqual(plan.unchanged, ["b.ts"]);
    await applyPlan(plan);
    assert.equal(await Deno.readTextFile(join(out, "a.ts")), gen("new"));
    assert.deepEqual((await Deno.stat(join(out, "b.ts"))).mtime, before, "unchanged file not rewritten");
  });
});

Deno.test("planWrite: foreign files and directories in the way are conflicts; applyPlan refuses", async () => {
  await withTempDir(async (out) => {
    await writeFile(join(out, "index.ts"), "// my own code\nexport const mine = 1;\n");
    await writeFile(join(out, "marker-later.ts"), `export {};\n// ${GENERATED_MARKER}\n`);
    await Deno.mkdir(join(out, "dir.ts"));
    await writeFile(join(out, "schemas"), "a file where a directory should be\n");
    const files = {
      "index.ts": gen("index"),
      "marker-later.ts": gen("x"),
      "dir.ts": gen("x"),
      "schemas/order.ts": gen("x"),
      "schemas/customer.ts": gen("x"),
      "new.ts": gen("new"),
    };
    const plan = await planWrite(out, files);
    assert.deepEqual(plan.conflicts.map((c) => c.path).sort(), ["dir.ts", "index.ts", "marker-later.ts", "schemas"]);
    assert.match(plan.conflicts.find((c) => c.path === "index.ts")!.reason, /not generated by @sync\/patterns/);
    const before = await listTree(out);
    await assert.rejects(() => applyPlan(plan), /conflicts/);
    assert.deepEqual(await listTree(out), before, "nothing written");
    assert.equal(await Deno.readTextFile(join(out, "index.ts")), "// my own code\nexport const mine = 1;\n");
  });
});

Deno.test("generate never writes through a symbolic link in the output: one line, exit 1, nothing written", async () => {
  await withTempDir(async (tmp) => {
    const out = join(tmp, "out");
    const elsewhere = join(tmp, "elsewhere");
    await Deno.mkdir(elsewhere);
    await writeFile(join(tmp, "elsewhere.ts"), gen("outside"));
    const files = { "index.ts": gen("index"), "schemas/order.ts": gen("order"), "schemas/deep/x.ts": gen("x") };
    const spec = await writeSpec(tmp, { files });
    const cases: [string, () => Promise<void>][] = [
      ["a linked folder", () => Deno.symlink(elsewhere, join(out, "schemas"))],
      ["a linked file", () => Deno.symlink(join(tmp, "elsewhere.ts"), join(out, "index.ts"))],
      ["a linked nested folder", async () => {
        await Deno.mkdir(join(out, "schemas"));
        await Deno.symlink(elsewhere, join(out, "schemas", "deep"));
      }],
    ];
    for (const [what, plant] of cases) {
      await Deno.remove(out, { recursive: true }).catch(() => {});
      await Deno.mkdir(out);
      await plant();
      const before = await listTree(tmp);
      const r = await cli(["generate", spec, "-o", out]);
      assert.equal(r.code, 1, what);
      assert.equal(r.err.length, 1, `${what}: ${r.err.join("\n")}`);
      assert.match(r.err[0], /^error: refusing to write to .*is a symbolic link/, what);
      assertNoStack(r.err);
      assert.deepEqual(await listTree(tmp), before, `${what}: nothing written anywhere`);
      assert.deepEqual(await listTree(elsewhere), [], `${what}: nothing landed outside --output`);
      assert.equal(await Deno.readTextFile(join(tmp, "elsewhere.ts")), gen("outside"));
    }
  });
});

Deno.test("planWrite: an output path that is a file is a user error", async () => {
  await withTempDir(async (tmp) => {
    await writeFile(join(tmp, "out"), "x");
    await assert.rejects(() => planWrite(join(tmp, "out"), { "a.ts": gen("a") }), UserError);
  });
});

Deno.test("planWrite + applyPlan: --clean removes only our stale files, then empty directories", async () => {
  await withTempDir(async (out) => {
    await writeFile(join(out, "index.ts"), gen("index"));
    await writeFile(join(out, "schemas", "old.ts"), gen("old")); // ours, stale
    await writeFile(join(out, "schemas", "notes.md"), "# mine\n"); // foreign: stays, keeps schemas/
    await writeFile(join(out, "entities", "gone", "x.ts"), gen("x")); // ours, stale: dirs become empty
    await writeFile(join(out, "client", "keep.ts"), "export const mine = 1;\n"); // foreign
    await writeFile(join(out, "client", `.api.ts.1234${TEMP_SUFFIX}`), gen("crash leftover")); // ours
    await writeFile(join(out, "node_modules", "pkg", "a.ts"), gen("not scanned"));
    await writeFile(join(out, ".cache", "a.ts"), gen("not scanned"));
    await Deno.mkdir(join(out, "empty-before")); // not ours to remove

    const files = { "index.ts": gen("index"), "client/api.ts": gen("api") };
    const noClean = await planWrite(out, files);
    assert.deepEqual(noClean.stale, ["entities/gone/x.ts", "schemas/old.ts"]);
    assert.deepEqual(noClean.leftovers, [`client/.api.ts.1234${TEMP_SUFFIX}`], "a leftover of ours, not stale");
    assert.deepEqual(noClean.remove, []);

    const plan = await planWrite(out, files, { clean: true });
    assert.deepEqual(plan.remove, plan.stale);
    const done = await applyPlan(plan);
    assert.equal(done.removed, 2);
    assert.deepEqual(done.removedDirs.sort(), ["entities", "entities/gone"]);
    assert.deepEqual(await listTree(out), [
      ".cache/",
      ".cache/a.ts",
      "client/",
      "client/api.ts",
      "client/keep.ts",
      "empty-before/",
      "index.ts",
      "node_modules/",
      "node_modules/pkg/",
      "node_modules/pkg/a.ts",
      "schemas/",
      "schemas/notes.md",
    ]);
  });
});

Deno.test("applyPlan: a failure while renaming leaves no temporary files", async () => {
  await withTempDir(async (out) => {
    const files = { "a.ts": gen("a"), "b.ts": gen("b"), "c.ts": gen("c") };
    const plan = await planWrite(out, files);
    await Deno.mkdir(join(out, "b.ts")); // appears after planning: renaming onto it fails
    await writeFile(join(out, "b.ts", "inside"), "x");
    await assert.rejects(() => applyPlan(plan));
    const left = await listTree(out);
    assert.ok(!left.some((p) => p.endsWith(TEMP_SUFFIX)), `temp files left: ${left.join(", ")}`);
  });
});

Deno.test("applyPlan: a failure while preparing changes nothing", async () => {
  await withTempDir(async (tmp) => {
    const out = join(tmp, "out");
    const plan = await planWrite(out, { "a.ts": gen("a"), "sub/b.ts": gen("b") });
    await writeFile(join(out, "sub"), "appeared after planning"); // mkdir of sub/ fails
    await assert.rejects(() => applyPlan(plan));
    assert.deepEqual(await listTree(out), ["sub"], "no file written, no temp file left");
  });
});

// ---------------------------------------------------------------------------------------------
// cli/args.ts

Deno.test("parseCommandLine: commands, defaults and help", () => {
  assert.deepEqual(parseCommandLine(["generate", "api.yaml"]), {
    kind: "generate",
    args: {
      spec: "api.yaml",
      output: "src/generated",
      syncMode: undefined,
      dryRun: false,
      check: false,
      clean: false,
      quiet: false,
      maxInputBytes: 256 * 1024 * 1024,
    },
  });
  const g = parseCommandLine(["generate", "-o", "out", "api.yaml", "--sync-mode", "confirmed", "--clean", "-q"]);
  assert.equal(g.kind, "generate");
  if (g.kind === "generate") {
    assert.deepEqual([g.args.output, g.args.syncMode, g.args.clean, g.args.quiet], ["out", "confirmed", true, true]);
  }
  assert.deepEqual(parseCommandLine(["inspect", "api.yaml", "--json"]), {
    kind: "inspect",
    args: { spec: "api.yaml", json: true, syncMode: undefined, maxInputBytes: 256 * 1024 * 1024 },
  });
  assert.deepEqual(parseCommandLine(["inspect", "api.yaml", "--graph", "svg", "-o", "docs/entities.svg"]), {
    kind: "inspect",
    args: {
      spec: "api.yaml",
      json: false,
      graph: "svg",
      output: "docs/entities.svg",
      syncMode: undefined,
      maxInputBytes: 256 * 1024 * 1024,
    },
  });
  assert.deepEqual(parseCommandLine(["inspect", "api.yaml", "--graph=mermaid"]), {
    kind: "inspect",
    args: { spec: "api.yaml", json: false, graph: "mermaid", syncMode: undefined, maxInputBytes: 256 * 1024 * 1024 },
  });
  const capped = parseCommandLine(["inspect", "api.yaml", "--max-input-size", "0.5"]);
  assert.equal(capped.kind === "inspect" && capped.args.maxInputBytes, 512 * 1024);
  for (const bad of ["0", "-1", "lots", "1e3", ""]) {
    assert.throws(() => parseCommandLine(["generate", "a.yaml", "--max-input-size", bad]), UsageError);
  }
  assert.deepEqual(parseCommandLine(["generate", "--help"]), { kind: "help", topic: "generate" });
  assert.deepEqual(parseCommandLine(["inspect", "-h", "--bogus"]), { kind: "help", topic: "inspect" });
  assert.deepEqual(parseCommandLine(["help", "generate"]), { kind: "help", topic: "generate" });
  assert.deepEqual(parseCommandLine(["-h"]), { kind: "help" });
  assert.deepEqual(parseCommandLine(["--version"]), { kind: "version" });
  // a spec whose name starts with a dash
  const dash = parseCommandLine(["generate", "--", "-odd.yaml"]);
  assert.equal(dash.kind === "generate" && dash.args.spec, "-odd.yaml");
});

Deno.test("parseSyncMode accepts our values and the upstream aliases", () => {
  assert.equal(parseSyncMode("optimistic"), "optimistic");
  assert.equal(parseSyncMode("confirmed"), "confirmed");
  assert.equal(parseSyncMode("api"), "confirmed");
  for (const a of ["realtime", "offline", "local_first", "live", "OPTIMISTIC"]) {
    assert.equal(parseSyncMode(a), "optimistic", a);
  }
  assert.equal(parseSyncMode("server"), "confirmed");
  for (const bad of ["fast", "", "toString", "__proto__"]) assert.throws(() => parseSyncMode(bad), UsageError);
});

// ---------------------------------------------------------------------------------------------
// the commands, in-process, with a fake generator

Deno.test("usage errors: one line, exit 2", async () => {
  const cases: [string[], RegExp][] = [
    [[], /^error: missing command/],
    [["frobnicate"], /^error: unknown command 'frobnicate'/],
    [["--frob"], /^error: unknown option --frob/],
    [["generate"], /^error: missing <spec> argument/],
    [["generate", "a.json", "b.json"], /^error: unexpected argument 'b.json'/],
    [["generate", "a.json", "--bogus"], /^error: unknown option --bogus for 'generate'/],
    [["generate", "a.json", "--bogus=1"], /^error: unknown option --bogus for 'generate'/],
    [["generate", "a.json", "-o"], /^error: option --output needs a value/],
    [["generate", "a.json", "--quiet=yes"], /^error: option --quiet does not take a value/],
    [["generate", "a.json", "--sync-mode", "fast"], /^error: invalid --sync-mode 'fast'/],
    [["generate", "a.json", "--check", "--dry-run"], /^error: --check and --dry-run cannot be used together/],
    [["generate", "a.json", "--output="], /^error: --output must not be empty/],
    [["inspect", "a.json", "--output", "x"], /^error: --output needs --graph/],
    [["inspect", "a.json", "--graph", "png"], /^error: invalid --graph 'png' \(expected mermaid, dot, svg\)/],
    [["inspect", "a.json", "--graph"], /^error: option --graph needs a value/],
    [["inspect", "a.json", "--graph", "dot", "--json"], /^error: --graph and --json cannot be used together/],
    [["inspect", "a.json", "--graph", "dot", "-o", ""], /^error: --output must not be empty/],
    [["inspect", "a.json", "--bogus"], /^error: unknown option --bogus for 'inspect'/],
    [["help", "nope"], /^error: unknown command 'nope'/],
  ];
  for (const [args, want] of cases) {
    const r = await cli(args);
    assert.equal(r.code, 2, args.join(" "));
    assert.equal(r.err.length, 1, `${args.join(" ")}: ${r.err.join("\n")}`);
    assert.match(r.err[0], want);
    assert.match(r.err[0], /--help'\)$/, "points at help");
    assert.deepEqual(r.out, []);
  }
});

Deno.test("--help and --version print to stdout and exit 0", async () => {
  for (const args of [["--help"], ["-h"], ["help"], ["generate", "--help"], ["inspect", "-h"], ["help", "inspect"]]) {
    const r = await cli(args);
    assert.equal(r.code, 0, args.join(" "));
    assert.match(r.out.join("\n"), /Usage: sync-patterns/);
    assert.deepEqual(r.err, []);
  }
  const g = await cli(["generate", "--help"]);
  for (const opt of ["--output", "--sync-mode", "--dry-run", "--check", "--clean", "--quiet"]) {
    assert.ok(g.out.join("\n").includes(opt), opt);
  }
  const v = await cli(["--version"]);
  assert.deepEqual([v.code, v.out], [0, [`@sync/patterns ${VERSION}`]]);
});

Deno.test("VERSION matches deno.json", async () => {
  const config = JSON.parse(await Deno.readTextFile(join(ROOT, "deno.json")));
  assert.equal(VERSION, config.version);
});

Deno.test("user errors: a missing or unreadable spec is one line, exit 1", async () => {
  await withTempDir(async (tmp) => {
    const missing = await cli(["generate", join(tmp, "nope.yaml")]);
    assert.equal(missing.code, 1);
    assert.deepEqual(missing.err, [`error: cannot read spec '${join(tmp, "nope.yaml")}': no such file`]);
    const dir = await cli(["inspect", tmp]);
    assert.equal(dir.code, 1);
    assert.match(dir.err[0], /^error: cannot read spec .*: it is a directory$/);
    assert.equal(dir.err.length, 1);
  });
});

Deno.test("a SpecError is one line with file, pointer and line:column, exit 1", async () => {
  await withTempDir(async (tmp) => {
    const spec = await writeSpec(tmp, {
      specError: { code: "spec/not-openapi", severity: "error", message: "Not an OpenAPI 3 document", pointer: "" },
    });
    const r = await cli(["generate", spec, "-o", join(tmp, "out")]);
    assert.equal(r.code, 1);
    assert.deepEqual(r.err, [`error in ${spec} at #: Not an OpenAPI 3 document [spec/not-openapi]`]);
    assert.deepEqual(await listTree(join(tmp, "out")), []);

    const located = await writeSpec(tmp, {
      specError: {
        code: "spec/bad-ref",
        severity: "error",
        message: "Broken $ref",
        pointer: "/paths/~1a",
        line: 3,
        column: 5,
      },
    });
    const r2 = await cli(["inspect", located]);
    assert.equal(r2.code, 1);
    assert.deepEqual(r2.err, [`error in ${located} at #/paths/~1a (3:5): Broken $ref [spec/bad-ref]`]);
  });
});

Deno.test("an internal error asks for a bug report; the stack only with SYNC_PATTERNS_DEBUG", async () => {
  await withTempDir(async (tmp) => {
    const spec = await writeSpec(tmp, { crash: "cannot read properties of undefined\nsecond line" });
    const r = await cli(["generate", spec, "-o", join(tmp, "out")]);
    assert.equal(r.code, 1);
    assert.equal(r.err.length, 1);
    assert.match(r.err[0], /^error: internal error: cannot read properties of undefined\. This is a bug/);
    assert.match(r.err[0], /SYNC_PATTERNS_DEBUG/);

    const debug = await cli(["generate", spec, "-o", join(tmp, "out")], { SYNC_PATTERNS_DEBUG: "1" });
    assert.equal(debug.code, 1);
    assert.ok(debug.err.length > 1);
    assert.ok(debug.err.some((l) => /^\s+at /.test(l)), "stack printed");
  });
});

Deno.test("generate: writes, reports a summary, prints diagnostics, then leaves unchanged files alone", async () => {
  await withTempDir(async (tmp) => {
    const out = join(tmp, "out");
    const files = { "index.ts": gen("index"), "schemas/order.ts": gen("order"), "client/api.ts": gen("api") };
    const diagnostics: Diagnostic[] = [{
      code: "model/odd",
      severity: "warning",
      message: "Something odd",
      pointer: "/paths/~1orders",
      line: 12,
      column: 3,
    }];
    const spec = await writeSpec(tmp, { files, entities: ["orders", "customers"], diagnostics });
    const calls: GenerateOptions[] = [];
    const r = await cli(["generate", spec, "-o", out, "--sync-mode", "api"], {}, calls);
    assert.equal(r.code, 0, r.err.join("\n"));
    assert.deepEqual(r.err, [`warning in ${spec} at #/paths/~1orders (12:3): Something odd [model/odd]`]);
    assert.equal(r.out.length, 1);
    assert.match(r.out[0], /^Generated 2 entities into .*: 3 files written \(0 unchanged, 0 removed\) in \d+ ms$/);
    assert.deepEqual(calls, [{ source: spec, syncMode: "confirmed" }]);
    for (const [p, content] of Object.entries(files)) assert.equal(await Deno.readTextFile(join(out, p)), content);

    const again = await cli(["generate", spec, "-o", out]);
    assert.match(again.out[0], /: 0 files written \(3 unchanged, 0 removed\)/);

    const quiet = await cli(["generate", spec, "-o", out, "--quiet"]);
    assert.equal(quiet.code, 0);
    assert.deepEqual(quiet.out, []);
    assert.equal(quiet.err.length, 1, "warnings still shown");
  });
});

Deno.test("generate --dry-run lists what would change and writes nothing", async () => {
  await withTempDir(async (tmp) => {
    const out = join(tmp, "out");
    await writeFile(join(out, "old.ts"), gen("old"));
    await writeFile(join(out, "a.ts"), gen("a v1"));
    const spec = await writeSpec(tmp, { files: { "a.ts": gen("a v2"), "b.ts": gen("b") }, entities: ["orders"] });
    const before = await listTree(out);
    const r = await cli(["generate", spec, "-o", out, "--dry-run", "--clean"]);
    assert.equal(r.code, 0, r.err.join("\n"));
    assert.deepEqual(r.out.slice(0, 3), [
      `would update ${out}/a.ts`,
      `would create ${out}/b.ts`,
      `would remove ${out}/old.ts`,
    ]);
    assert.match(r.out[3], /^Dry run: 1 entity, 2 files would be written \(0 unchanged, 1 removed\)/);
    assert.deepEqual(await listTree(out), before);
    assert.equal(await Deno.readTextFile(join(out, "a.ts")), gen("a v1"));

    const fresh = await cli(["generate", spec, "-o", join(tmp, "never"), "--dry-run"]);
    assert.equal(fresh.code, 0);
    assert.deepEqual(await listTree(join(tmp, "never")), [], "the output directory is not even created");
  });
});

Deno.test("generate --check: 0 when up to date, 1 with a list when missing, different or stale", async () => {
  await withTempDir(async (tmp) => {
    const out = join(tmp, "out");
    const spec = await writeSpec(tmp, { files: { "a.ts": gen("a"), "b/c.ts": gen("c") }, entities: ["orders"] });

    const missing = await cli(["generate", spec, "-o", out, "--check"]);
    assert.equal(missing.code, 1);
    assert.match(
      missing.err[0],
      /^error: 2 generated files in .* are out of date; run 'sync-patterns generate .*' to update$/,
    );
    assert.deepEqual(missing.err.slice(1), ["  missing a.ts", "  missing b/c.ts"]);
    assert.deepEqual(await listTree(tmp), ["spec.json"], "--check writes nothing");

    assert.equal((await cli(["generate", spec, "-o", out])).code, 0);
    const fresh = await cli(["generate", spec, "-o", out, "--check"]);
    assert.equal(fresh.code, 0, fresh.err.join("\n"));
    assert.match(fresh.out[0], /^Up to date: 1 entity, 2 files in /);

    await Deno.writeTextFile(join(out, "b", "c.ts"), gen("edited by hand"));
    await writeFile(join(out, "old.ts"), gen("no longer generated"));
    await writeFile(join(out, "mine.ts"), "export const mine = 1;\n"); // foreign, not ours: ignored
    const stale = await cli(["generate", spec, "-o", out, "--check"]);
    assert.equal(stale.code, 1);
    assert.match(stale.err[0], /^error: 2 generated files .* --clean' to update$/);
    assert.deepEqual(stale.err.slice(1), ["  differs b/c.ts", "  stale   old.ts"]);
    assert.equal(await Deno.readTextFile(join(out, "b", "c.ts")), gen("edited by hand"), "--check touches nothing");
  });
});

Deno.test("generate --clean removes only our stale files and emptied directories", async () => {
  await withTempDir(async (tmp) => {
    const out = join(tmp, "out");
    await writeFile(join(out, "entities", "old.ts"), gen("old"));
    await writeFile(join(out, "schemas", "gone.ts"), gen("gone"));
    await writeFile(join(out, "schemas", "custom.ts"), "export const mine = 1;\n");
    const spec = await writeSpec(tmp, { files: { "index.ts": gen("index") } });

    const keep = await cli(["generate", spec, "-o", out]);
    assert.equal(keep.code, 0);
    assert.match(
      keep.err[0],
      /^note: 2 files in .* were generated earlier and are no longer generated; run with --clean/,
    );
    assert.deepEqual((await listTree(out)).length, 6);

    const clean = await cli(["generate", spec, "-o", out, "--clean"]);
    assert.equal(clean.code, 0, clean.err.join("\n"));
    assert.match(clean.out[0], /: 0 files written \(1 unchanged, 2 removed\)/);
    assert.deepEqual(await listTree(out), ["index.ts", "schemas/", "schemas/custom.ts"]);
  });
});

Deno.test("generate refuses to overwrite a file it did not generate, and writes nothing", async () => {
  await withTempDir(async (tmp) => {
    const out = join(tmp, "out");
    await writeFile(join(out, "index.ts"), "// hand-written\nexport const app = 1;\n");
    await writeFile(join(out, "old.ts"), gen("stale"));
    const spec = await writeSpec(tmp, { files: { "index.ts": gen("index"), "a.ts": gen("a"), "b/c.ts": gen("c") } });
    const before = await listTree(out);
    const r = await cli(["generate", spec, "-o", out, "--clean"]);
    assert.equal(r.code, 1);
    assert.match(r.err[0], /^error: refusing to write to .*: 1 file there would be overwritten but was not generated/);
    assert.match(r.err[0], /nothing was written/);
    assert.deepEqual(r.err.slice(1), [`  ${out}/index.ts: was not generated by @sync/patterns (no header)`]);
    assert.deepEqual(await listTree(out), before, "nothing written, nothing removed");
    assert.equal(await Deno.readTextFile(join(out, "index.ts")), "// hand-written\nexport const app = 1;\n");

    const dry = await cli(["generate", spec, "-o", out, "--dry-run"]);
    assert.equal(dry.code, 1, "a dry run fails the same way");
  });
});

Deno.test("inspect: tables of entities and relationships, and --json", async () => {
  await withTempDir(async (tmp) => {
    const ordersEntity = entity("orders", "order", {
      relationships: [{
        name: "customer",
        kind: "belongsTo",
        target: "customers",
        foreignKey: "customer_id",
        nullable: false,
        source: "naming",
      }],
    });
    const spec = await writeSpec(tmp, {});
    const customers = entity("customers", "customer", { syncMode: "confirmed", channel: "crm.customer" });
    const model = fakeModel([ordersEntity, customers]);
    const out: string[] = [];
    const code = await run(["inspect", spec], {
      out: (l) => out.push(l),
      err: () => {},
      env: () => undefined,
      generate: () => ({ files: {}, model, graph: { nodes: [], edges: [] }, diagnostics: [] }),
    });
    assert.equal(code, 0);
    const text = out.join("\n");
    assert.match(text, /Entities \(2\)/);
    assert.match(text, /^ {2}name +singular +channel +primary key +sync/m);
    assert.match(text, /^ {2}orders +order +order +id: uuid +optimistic/m, "the channel defaults to the singular");
    assert.match(text, /^ {2}customers +customer +crm\.customer +id: uuid +confirmed/m, "x-broadcast-channel");
    assert.match(text, /^ {2}orders\.customer → customers \(belongsTo via customer_id\)$/m);
    assert.match(text, /Diagnostics \(0\)/);

    const json = await cli(["inspect", await writeSpec(tmp, { entities: ["orders"] }), "--json"]);
    assert.equal(json.code, 0);
    const parsed = JSON.parse(json.out.join("\n"));
    assert.deepEqual(Object.keys(parsed), ["model", "graph", "diagnostics"]);
    assert.equal(parsed.model.entities[0].name, "orders");
  });
});

// ---------------------------------------------------------------------------------------------
// real processes

Deno.test("subprocess: a missing spec is one line on stderr, exit 1, no stack trace", async () => {
  const r = await subprocess(["run", "-A", "cli.ts", "generate", "does/not/exist.yaml"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.err, ["error: cannot read spec 'does/not/exist.yaml': no such file"]);
  assert.deepEqual(r.out, []);
});

Deno.test("subprocess: bad usage exits 2 with one line; mod.ts runs the CLI as main module", async () => {
  const r = await subprocess(["run", "-A", "cli.ts", "frobnicate"]);
  assert.equal(r.code, 2);
  assert.equal(r.err.length, 1);
  assertNoStack(r.err);
  const o = await subprocess(["run", "-A", "cli.ts", "generate", "x.yaml", "--nope"]);
  assert.equal(o.code, 2);
  assert.deepEqual(o.err, ["error: unknown option --nope for 'generate' (see 'sync-patterns generate --help')"]);
  const v = await subprocess(["run", "-A", "mod.ts", "--version"]);
  assert.deepEqual([v.code, v.out], [0, [`@sync/patterns ${VERSION}`]]);
});

Deno.test("importing mod.ts runs nothing", async () => {
  const r = await subprocess(["eval", 'import * as m from "./mod.ts"; console.log(typeof m.generate)']);
  assert.deepEqual([r.code, r.out, r.err], [0, ["function"], []]);
});

// ---------------------------------------------------------------------------------------------
// the real generator on the bundled example

Deno.test({
  name: "real: generate the sales example, then --check is clean and a hand edit is caught",
  fn: async () => {
    await withTempDir(async (tmp) => {
      const out = join(tmp, "generated");
      const r = await realCli(["generate", SALES_SPEC, "-o", out]);
      assert.equal(r.code, 0, r.err.join("\n"));
      assert.match(r.out.at(-1)!, /^Generated 4 entities into .*: \d+ files written \(0 unchanged, 0 removed\)/);
      const tree = (await listTree(out)).filter((p) => !p.endsWith("/"));
      assert.ok(tree.includes("index.ts"), tree.join(", "));
      assert.ok(!tree.some((p) => p.endsWith(TEMP_SUFFIX)));
      for (const p of tree) {
        assert.ok(hasGeneratedMarker(await Deno.readTextFile(join(out, p))), `${p} lacks the header`);
      }

      const check = await realCli(["generate", SALES_SPEC, "-o", out, "--check"]);
      assert.equal(check.code, 0, check.err.join("\n"));
      const again = await realCli(["generate", SALES_SPEC, "-o", out]);
      assert.match(again.out.at(-1)!, new RegExp(`: 0 files written \\(${tree.length} unchanged, 0 removed\\)`));

      await Deno.writeTextFile(join(out, "index.ts"), gen("// edited"));
      const stale = await realCli(["generate", SALES_SPEC, "-o", out, "--check"]);
      assert.equal(stale.code, 1);
      assert.ok(stale.err.includes("  differs index.ts"), stale.err.join("\n"));
    });
  },
});

Deno.test({
  name: "real: inspect --json describes the sales example",
  fn: async () => {
    const r = await realCli(["inspect", SALES_SPEC, "--json"]);
    assert.equal(r.code, 0, r.err.join("\n"));
    const { model, graph, diagnostics } = JSON.parse(r.out.join("\n")) as GenerateResult;
    assert.ok(Array.isArray(diagnostics));
    const byName = new Map(model.entities.map((e) => [e.name, e]));
    assert.deepEqual([...byName.keys()].sort(), ["customers", "order_items", "orders", "products"]);
    assert.equal(byName.get("products")!.syncMode, "confirmed");
    for (const n of ["customers", "orders", "order_items"]) assert.equal(byName.get(n)!.syncMode, "optimistic");
    assert.deepEqual(byName.get("orders")!.customOperations.map((o) => o.name), ["cancel"]);
    const rel = (e: string, kind: string, target: string) =>
      byName.get(e)!.relationships.find((r) => r.kind === kind && r.target === target);
    assert.equal(rel("orders", "belongsTo", "customers")?.foreignKey, "customer_id");
    assert.equal(rel("order_items", "belongsTo", "orders")?.foreignKey, "order_id");
    assert.equal(rel("orders", "hasMany", "order_items")?.foreignKey, "order_id");
    assert.equal(rel("order_items", "belongsTo", "products")?.nullable, true);
    assert.equal(rel("customers", "belongsTo", "customers")?.nullable, true);
    assert.ok(graph.edges.some((e) => e.from === "orders" && e.to === "customers"));

    const table = await realCli(["inspect", SALES_SPEC]);
    assert.equal(table.code, 0);
    assert.ok(
      table.out.some((l) => /orders\.\w+ → customers \(belongsTo via customer_id\)/.test(l)),
      table.out.join("\n"),
    );
  },
});

Deno.test({
  name: "real: inspect --graph prints the sales example's graph as Mermaid, DOT and SVG, each with our header",
  fn: async () => {
    const mermaid = await realCli(["inspect", SALES_SPEC, "--graph", "mermaid"]);
    assert.equal(mermaid.code, 0, mermaid.err.join("\n"));
    assert.equal(mermaid.out[0], `%% ${GENERATED_MARKER}. Changes are overwritten on the next run.`);
    assert.equal(mermaid.out[1], "flowchart TB");
    assert.ok(mermaid.out.includes(`  e2 -->|"customer_id"| e0`), mermaid.out.join("\n"));

    const dot = await realCli(["inspect", SALES_SPEC, "--graph", "dot"]);
    assert.equal(dot.code, 0);
    assert.ok(hasGeneratedMarker(dot.out.join("\n")));
    assert.ok(dot.out.some((l) => l.startsWith(`  "orders" -> "customers" [label="customer_id"`)), dot.out.join("\n"));

    const svg = await realCli(["inspect", SALES_SPEC, "--graph", "svg"]);
    assert.equal(svg.code, 0);
    const text = svg.out.join("\n");
    assert.match(svg.out[0], /^<!-- DO NOT EDIT: generated by @sync\/patterns\. .* -->$/);
    assert.match(svg.out[1], /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const entities = [...text.matchAll(/<g class="node" data-entity="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(entities, ["customers", "order_items", "orders", "products"]);
    assert.equal((text.match(/class="edge-label"/g) ?? []).length, 4);
    assert.ok(text.endsWith("</svg>"));
  },
});

Deno.test({
  name: "real: inspect --graph svg -o writes the file atomically, replaces its own, never someone else's",
  fn: async () => {
    await withTempDir(async (tmp) => {
      const file = join(tmp, "docs", "entities.svg");
      const stdout = await realCli(["inspect", SALES_SPEC, "--graph", "svg"]);
      const r = await realCli(["inspect", SALES_SPEC, "--graph", "svg", "-o", file]);
      assert.deepEqual([r.code, r.out, withoutLoadCosts(r.err)], [0, [], []]);
      assert.equal(await Deno.readTextFile(file), `${stdout.out.join("\n")}\n`, "the same text as on stdout");
      assert.deepEqual(await listTree(tmp), ["docs/", "docs/entities.svg"], "no temporary file left");

      // Ours: replaced (here by the Mermaid text).
      const again = await realCli(["inspect", SALES_SPEC, "--graph", "mermaid", "--output", file]);
      assert.equal(again.code, 0, again.err.join("\n"));
      assert.match(await Deno.readTextFile(file), /^%% DO NOT EDIT[^\n]*\nflowchart TB\n/);

      // Not ours: left alone, one error line, exit 1.
      const mine = join(tmp, "mine.svg");
      await Deno.writeTextFile(mine, "<svg>hand-drawn</svg>\n");
      const refused = await realCli(["inspect", SALES_SPEC, "--graph", "svg", "-o", mine]);
      assert.equal(refused.code, 1);
      const refusal = withoutLoadCosts(refused.err);
      assert.equal(refusal.length, 1, refusal.join("\n"));
      assert.match(refusal[0], /^error: refusing to write .*mine\.svg: it was not generated by @sync\/patterns/);
      assert.equal(await Deno.readTextFile(mine), "<svg>hand-drawn</svg>\n");

      // A directory where the file should go.
      const dir = await realCli(["inspect", SALES_SPEC, "--graph", "dot", "-o", join(tmp, "docs")]);
      assert.equal(dir.code, 1);
      assert.match(withoutLoadCosts(dir.err)[0], /^error: refusing to write .*docs: it is a directory/);
    });
  },
});

Deno.test({
  name: "real: a broken spec is one error line with its place, exit 1",
  fn: async () => {
    await withTempDir(async (tmp) => {
      const spec = join(tmp, "broken.yaml");
      await Deno.writeTextFile(spec, "openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths:\n  /a: [\n");
      const r = await realCli(["generate", spec, "-o", join(tmp, "out")]);
      assert.equal(r.code, 1);
      assert.equal(r.err.length, 1, r.err.join("\n"));
      assert.match(r.err[0], new RegExp(`^error in ${spec.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} at #`));
      assert.deepEqual(await listTree(join(tmp, "out")), []);
    });
  },
});

Deno.test({
  name: "real: without write permission the error is one line, exit 1",
  fn: async () => {
    await withTempDir(async (tmp) => {
      const r = await subprocess(
        ["run", "--allow-read", "--allow-env", "cli.ts", "generate", SALES_SPEC, "-o", join(tmp, "out")],
      );
      const err = withoutLoadCosts(r.err);
      assert.equal(r.code, 1);
      assert.equal(err.length, 1, err.join("\n"));
      assert.match(err[0], /^error: .*--allow-write/);
      assert.deepEqual(await listTree(tmp), []);
    });
  },
});

Deno.test({
  name: "real: the permissions of `deno task generate` are enough",
  fn: async () => {
    const task: string = JSON.parse(await Deno.readTextFile(join(ROOT, "deno.json"))).tasks.generate;
    const flags = /^deno run (.*?) cli\.ts generate /.exec(task)?.[1].split(" ");
    assert.ok(flags, `unexpected generate task: ${task}`);
    await withTempDir(async (tmp) => {
      const r = await subprocess(["run", ...flags, "cli.ts", "generate", SALES_SPEC, "-o", tmp]);
      assert.equal(r.code, 0, r.err.join("\n"));
      assert.match(r.out.at(-1)!, /^Generated 4 entities/);
    });
  },
});
