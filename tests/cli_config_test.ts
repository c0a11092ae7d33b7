/**
 * The config file and `--watch` from the command line (issue 10): in-process runs of `cli/run.ts` with the real
 * generator on a small spec in a temporary directory.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { run } from "../cli/run.ts";
import { parseCommandLine } from "../cli/args.ts";
import { generate } from "../src/generate.ts";

const SPEC = JSON.stringify({
  openapi: "3.1.0",
  info: { title: "Shop", version: "1" },
  paths: {
    "/customers": {
      get: {
        responses: {
          "200": {
            description: "ok",
            content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/C" } } } },
          },
        },
      },
    },
  },
  components: { schemas: { C: { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } } } },
});

function io(signal?: AbortSignal) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      out: (l: string) => out.push(l),
      err: (l: string) => err.push(l),
      env: () => undefined,
      generate,
      ...(signal ? { watchSignal: signal } : {}),
    },
  };
}

async function inTemp(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "sync-patterns-config-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("parseCommandLine: --config and --watch", () => {
  const g = parseCommandLine(["generate", "api.json", "--config", "c.json", "--watch"]);
  assert.ok(g.kind === "generate" && g.args.config === "c.json" && g.args.watch);
  const i = parseCommandLine(["inspect", "api.json", "--config", "c.json"]);
  assert.ok(i.kind === "inspect" && i.args.config === "c.json");
  assert.throws(() => parseCommandLine(["generate", "api.json", "--watch", "--check"]), /--watch cannot be used/);
});

Deno.test("generate: sync-patterns.config.json next to the spec applies; its diagnostics name the config", async () => {
  await inTemp(async (dir) => {
    const spec = join(dir, "api.json");
    await Deno.writeTextFile(spec, SPEC);
    await Deno.writeTextFile(
      join(dir, "sync-patterns.config.json"),
      `{\n  // JSONC\n  "entities": { "customers": { "name": "clients" }, "ghosts": { "key": "x" }, },\n}\n`,
    );
    const r = io();
    const code = await run(["generate", spec, "-o", join(dir, "out")], r.io);
    assert.equal(code, 0, r.err.join("\n"));
    const files = [...Deno.readDirSync(join(dir, "out", "collections"))].map((e) => e.name);
    assert.ok(files.includes("clients.ts"), files.join(", "));
    const config = join(dir, "sync-patterns.config.json");
    assert.deepEqual(r.err.filter((l) => l.includes("config/")), [
      `warning in ${config} at #/entities/ghosts (3:53): The config's entity ghosts matches nothing in the spec [config/unmatched]`,
      `warning in ${config} at #/entities/ghosts/key (3:65): The config's key x matches nothing in the spec [config/unmatched]`,
    ]);
  });
});

Deno.test("inspect --config: decisions show the config; a broken config is one line with its position", async () => {
  await inTemp(async (dir) => {
    const spec = join(dir, "api.json");
    await Deno.writeTextFile(spec, SPEC);
    const config = join(dir, "my.jsonc");
    await Deno.writeTextFile(config, `{ "entities": { "customers": { "syncMode": "confirmed" } } }`);
    const ok = io();
    assert.equal(await run(["inspect", spec, "--config", config], ok.io), 0);
    const row = ok.out.find((l) => l.trimStart().startsWith("customers") && l.includes("config"));
    assert.match(row ?? "", /customers\s+heuristic\s+heuristic\s+config\s+heuristic\s+all heuristic/);

    await Deno.writeTextFile(config, `{\n  "entities": {\n    "customers": { "syncMode" "confirmed" }\n  }\n}`);
    const bad = io();
    assert.equal(await run(["inspect", spec, "--config", config], bad.io), 1);
    assert.equal(bad.err.length, 1);
    assert.match(
      bad.err[0],
      /^error: config '.*my\.jsonc' is not valid JSON at 3:31: Expected ':' after property name$/,
    );

    const missing = io();
    assert.equal(await run(["inspect", spec, "--config", join(dir, "nope.json")], missing.io), 1);
    assert.match(missing.err[0], /^error: cannot read config '.*nope\.json': no such file$/);
  });
});

Deno.test("generate --watch: one line per run, again on a change of the spec or the config, survives errors", async () => {
  await inTemp(async (dir) => {
    const spec = join(dir, "api.json");
    await Deno.writeTextFile(spec, SPEC);
    const stop = new AbortController();
    const r = io(stop.signal);
    const lines = () => r.out.filter((l) => l.startsWith("["));
    const until = async (n: number) => {
      for (let i = 0; i < 200 && lines().length < n; i++) await new Promise((ok) => setTimeout(ok, 50));
      assert.equal(lines().length, n, r.out.join("\n"));
    };
    const done = run(["generate", spec, "-o", join(dir, "out"), "--watch"], r.io);
    await until(1);
    assert.match(lines()[0], /^\[\d\d:\d\d:\d\d\] Generated 1 entity into /);

    await Deno.writeTextFile(spec, "{ not json");
    await until(2);
    assert.match(lines()[1], /^\[\d\d:\d\d:\d\d\] error/);

    await Deno.writeTextFile(
      join(dir, "sync-patterns.config.json"),
      `{ "entities": { "customers": { "name": "clients" } } }`,
    );
    await Deno.writeTextFile(spec, SPEC);
    await until(3);
    assert.match(lines()[2], /Generated 1 entity into /);
    assert.ok([...Deno.readDirSync(join(dir, "out", "collections"))].some((e) => e.name === "clients.ts"));

    stop.abort();
    assert.equal(await done, 0);
  });
});
