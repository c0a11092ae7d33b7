/**
 * The pure core stays pure: `src/generate.ts` and the graph renderers (`src/graph/`, with dagre),
 * bundled for the browser (as the playground's Web Worker loads them), run in a Deno process with no
 * permissions at all and without `Deno`, `process`, `fetch`, timers or storage, add or change no
 * global, and give byte-identical output to the same input in this process. Also: the output is the same
 * on every run, and one run leaves no state behind that changes the next.
 */
import assert from "node:assert/strict";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { parse as parseYamlText } from "yaml";
import { generate } from "../src/generate.ts";
import { layoutGraph } from "../src/graph/layout.ts";
import { renderGraphSvg } from "../src/graph/svg.ts";
import { renderGraphDot, renderGraphMermaid } from "../src/graph/text.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

const INLINE_JSON = JSON.stringify(
  {
    openapi: "3.1.0",
    info: { title: "Inline JSON", version: "1" },
    paths: {
      "/notes": {
        get: { operationId: "listNotes", responses: { "200": ok({ type: "array", items: ref("Note") }) } },
        post: { operationId: "createNote", requestBody: body("Note"), responses: { "201": ok(ref("Note")) } },
      },
      "/notes/{id}": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
        get: { operationId: "getNote", responses: { "200": ok(ref("Note")) } },
        patch: { operationId: "updateNote", requestBody: body("Note"), responses: { "200": ok(ref("Note")) } },
        delete: { operationId: "deleteNote", responses: { "204": { description: "gone" } } },
      },
    },
    components: {
      schemas: {
        Note: {
          type: "object",
          required: ["id", "title"],
          properties: {
            id: { type: "string", format: "uuid" },
            title: { type: "string" },
            done: { type: "boolean" },
            updated_at: { type: "string", format: "date-time" },
          },
        },
      },
    },
  },
  null,
  2,
);

const INLINE_YAML = `openapi: 3.0.3
info: {title: Inline YAML, version: "1"}
paths:
  /projects:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Project"}}
  /projects/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Project"}
  /projects/{project_id}/tasks:
    get:
      parameters: [{name: project_id, in: path, required: true, schema: {type: integer}}]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Task"}}
components:
  schemas:
    Base: &base
      type: object
      required: [id]
    Project:
      <<: *base
      properties:
        id: {type: integer}
        name: {type: string, nullable: true}
    Task:
      <<: *base
      properties:
        id: {type: integer}
        project_id: {type: integer}
        status: {type: string, enum: [open, closed]}
`;

function ok(schema: unknown) {
  return { description: "ok", content: { "application/json": { schema } } };
}
function body(name: string) {
  return { required: true, content: { "application/json": { schema: ref(name) } } };
}
function ref(name: string) {
  return { $ref: `#/components/schemas/${name}` };
}

/** The inputs, by name: the sales example (YAML, and the same document as JSON) when it is there, and the inline ones. */
function inputs(): Record<string, string> {
  const all: Record<string, string> = { "inline.json": INLINE_JSON, "inline.yaml": INLINE_YAML };
  let sales: string | undefined;
  try {
    sales = Deno.readTextFileSync(`${ROOT}examples/sales/openapi.yaml`);
  } catch {
    // Not written yet: the inline specs alone.
  }
  if (sales !== undefined) {
    all["sales.yaml"] = sales;
    all["sales.json"] = JSON.stringify(parseYamlText(sales), null, 2);
  }
  return all;
}

/** What is compared across runs and environments: the file map, and the diagnostics. */
function serialize(spec: string | object): { files: string; diagnostics: string } {
  const result = generate(spec);
  assert.ok(Object.keys(result.files).length > 0, "no files generated");
  return { files: JSON.stringify(result.files), diagnostics: JSON.stringify(result.diagnostics) };
}

/** The relationship graph drawn every way (laid out with dagre), as one text. */
function drawings(spec: string): string {
  const { model, graph } = generate(spec);
  return renderGraphSvg(layoutGraph(model, graph)) + renderGraphMermaid(model, graph) + renderGraphDot(model, graph);
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Where a package of deno.json's `imports` is: the project's node_modules, else Deno's npm cache. */
async function npmPackageDirs(): Promise<Record<string, string>> {
  const config = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`)) as { imports: Record<string, string> };
  const info = await new Deno.Command(Deno.execPath(), { args: ["info", "--json"], stdout: "piped" }).output();
  const npmCache = (JSON.parse(new TextDecoder().decode(info.stdout)) as { npmCache: string }).npmCache;
  const dirs: Record<string, string> = {};
  for (const [name, target] of Object.entries(config.imports)) {
    const m = /^npm:(@?[^@/]+(?:\/[^@/]+)?)@([^/]+)$/.exec(target);
    if (m === null) continue;
    for (const dir of [`${ROOT}node_modules/${m[1]}`, `${npmCache}/registry.npmjs.org/${m[1]}/${m[2]}`]) {
      try {
        if (Deno.statSync(`${dir}/package.json`).isFile) {
          dirs[name] = dir;
          break;
        }
      } catch {
        // not there
      }
    }
  }
  return dirs;
}

/** `src/generate.ts` and `src/graph/` bundled as the browser loads them: `yaml`'s browser build, no Node built-ins. */
async function bundle(work: string): Promise<string> {
  const modules = `${work}/node_modules`;
  for (const [name, dir] of Object.entries(await npmPackageDirs())) {
    await Deno.mkdir(dirname(`${modules}/${name}`), { recursive: true });
    await Deno.symlink(dir, `${modules}/${name}`);
  }
  try {
    const result = await esbuild.build({
      stdin: {
        contents: [
          `export { generate } from "./src/generate.ts";`,
          `export { layoutGraph } from "./src/graph/layout.ts";`,
          `export { renderGraphSvg } from "./src/graph/svg.ts";`,
          `export { renderGraphDot, renderGraphMermaid } from "./src/graph/text.ts";`,
        ].join("\n"),
        resolveDir: ROOT,
        loader: "ts",
      },
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      conditions: ["browser"],
      nodePaths: [modules],
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    assert.ok(
      inputs.some((i) => /\/yaml\/[^/]+\/browser\//.test(i) || i.includes("/yaml/browser/")),
      "yaml's browser build",
    );
    assert.ok(!inputs.some((i) => /\/yaml\/[^/]+\/dist\//.test(i) || i.includes("/yaml/dist/")), "yaml's Node build");
    assert.ok(!inputs.some((i) => i.startsWith("node:")), "a Node built-in");
    return result.outputFiles[0].text;
  } finally {
    await esbuild.stop();
  }
}

/**
 * The subprocess's main module. Before the bundle loads it removes the host APIs (a Web
 * Worker in a browser has fetch and timers too, but the core must not need them), freezes
 * the standard prototypes and every global (so that a write to one throws), and snapshots
 * every global's descriptor; afterwards it reports any global that was added, removed or
 * changed, and the SHA-256 of each input's output.
 */
const RUNNER = `
const inputs = JSON.parse(INPUTS_JSON);
const removed = [
  "Deno", "process", "Buffer", "global", "require", "module", "setImmediate", "clearImmediate",
  "fetch", "Request", "Response", "Headers", "WebSocket", "WebSocketStream", "EventSource", "XMLHttpRequest",
  "setTimeout", "clearTimeout", "setInterval", "clearInterval", "requestAnimationFrame",
  "localStorage", "sessionStorage", "indexedDB", "caches", "navigator", "location",
  "Worker", "BroadcastChannel", "MessageChannel", "close", "alert", "confirm", "prompt",
];
const notDeleted = [];
for (const name of removed) {
  if (!(name in globalThis)) continue;
  try {
    if (!delete globalThis[name] || name in globalThis) notDeleted.push(name);
  } catch (e) {
    notDeleted.push(name + ": " + e);
  }
}
const intrinsics = [
  Object, Object.prototype, Array, Array.prototype, Function, Function.prototype, String, String.prototype,
  Number, Number.prototype, Boolean, Boolean.prototype, Symbol, Symbol.prototype, BigInt, BigInt.prototype,
  RegExp, RegExp.prototype, Date, Date.prototype, Map, Map.prototype, Set, Set.prototype, WeakMap,
  WeakMap.prototype, WeakSet, WeakSet.prototype, Promise, Promise.prototype, Error,
  TypeError.prototype, RangeError.prototype, SyntaxError.prototype, JSON, Math, Reflect,
  Object.getPrototypeOf(function* () {}), Object.getPrototypeOf([][Symbol.iterator]()),
  Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())),
];
for (const o of intrinsics) Object.freeze(o);
// Error.prototype is frozen only once the bundle is loaded: js-yaml's module sets \`constructor\` and \`toString\`
// on its own error prototype (made with Object.create(Error.prototype)), which a frozen Error.prototype refuses
// (the "override mistake"). A write to Error.prototype itself while loading is still caught by comparing its own
// properties before and after.
const errorProtoBefore = new Map(
  Reflect.ownKeys(Error.prototype).map((k) => [k, Object.getOwnPropertyDescriptor(Error.prototype, k)]),
);
const snapshot = () => {
  const all = new Map();
  for (const key of Reflect.ownKeys(globalThis)) all.set(key, Object.getOwnPropertyDescriptor(globalThis, key));
  return all;
};
// Every global becomes read-only and non-configurable, so that a write to one throws. (Not
// Object.freeze(globalThis): Deno itself adds a property to the global object when it exits.)
const notFrozen = [];
for (const key of Reflect.ownKeys(globalThis)) {
  const d = Object.getOwnPropertyDescriptor(globalThis, key);
  if (!d.configurable) {
    if (d.writable) notFrozen.push(String(key));
    continue;
  }
  try {
    Object.defineProperty(globalThis, key, "value" in d ? { writable: false, configurable: false } : { configurable: false });
  } catch (e) {
    notFrozen.push(String(key) + ": " + e);
  }
}
const before = snapshot();

const { generate, layoutGraph, renderGraphSvg, renderGraphMermaid, renderGraphDot } = await import("./bundle.js");
const errorProtoAfter = new Map(
  Reflect.ownKeys(Error.prototype).map((k) => [k, Object.getOwnPropertyDescriptor(Error.prototype, k)]),
);
Object.freeze(Error.prototype);

const sha = async (text) => {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
};
const hashes = {};
for (const [name, text] of Object.entries(inputs)) {
  const result = generate(text);
  const { model, graph } = result;
  hashes[name] = {
    files: await sha(JSON.stringify(result.files)),
    count: Object.keys(result.files).length,
    graph: await sha(renderGraphSvg(layoutGraph(model, graph)) + renderGraphMermaid(model, graph) +
      renderGraphDot(model, graph)),
  };
}

const after = snapshot();
const same = (a, b) => Object.is(a.value, b.value) && a.get === b.get && a.set === b.set && a.writable === b.writable &&
  a.enumerable === b.enumerable && a.configurable === b.configurable;
const added = [...after.keys()].filter((k) => !before.has(k)).map(String);
const gone = [...before.keys()].filter((k) => !after.has(k)).map(String);
const changed = [...before.keys()].filter((k) => after.has(k) && !same(before.get(k), after.get(k))).map(String);
for (const k of new Set([...errorProtoBefore.keys(), ...errorProtoAfter.keys()])) {
  const a = errorProtoBefore.get(k);
  const b = errorProtoAfter.get(k);
  if (!a || !b || !same(a, b)) changed.push("Error.prototype." + String(k));
}
console.log(JSON.stringify({ hashes, notDeleted, notFrozen, added, gone, changed }));
`;

Deno.test("the browser bundle of generate() and the graph renderers runs with no permissions and no host globals, and writes no global", async () => {
  const work = await Deno.makeTempDir({ prefix: "purity_" });
  try {
    const specs = inputs();
    await Deno.writeTextFile(`${work}/bundle.js`, await bundle(work));
    await Deno.writeTextFile(
      `${work}/main.js`,
      RUNNER.replace("INPUTS_JSON", () => JSON.stringify(JSON.stringify(specs))),
    );
    const output = await new Deno.Command(Deno.execPath(), {
      // No permission flag at all; no config either (the bundle has no bare imports).
      args: ["run", "--no-prompt", "--no-config", "--no-lock", "--quiet", `${work}/main.js`],
      cwd: work,
      stdout: "piped",
      stderr: "piped",
      env: { NO_COLOR: "1" },
    }).output();
    const stderr = new TextDecoder().decode(output.stderr);
    assert.equal(output.code, 0, stderr);
    assert.equal(stderr, "");
    const report = JSON.parse(new TextDecoder().decode(output.stdout)) as {
      hashes: Record<string, { files: string; count: number; graph: string }>;
      notDeleted: string[];
      added: string[];
      gone: string[];
      changed: string[];
      notFrozen: string[];
    };
    assert.deepEqual(report.notDeleted, []);
    assert.deepEqual(report.notFrozen, []);
    assert.deepEqual({ added: report.added, gone: report.gone, changed: report.changed }, {
      added: [],
      gone: [],
      changed: [],
    });
    assert.deepEqual(Object.keys(report.hashes), Object.keys(specs));
    for (const [name, text] of Object.entries(specs)) {
      const { files } = serialize(text);
      assert.deepEqual(report.hashes[name], {
        files: await sha256(files),
        count: Object.keys(JSON.parse(files)).length,
        graph: await sha256(drawings(text)),
      }, name);
    }
  } finally {
    await Deno.remove(work, { recursive: true });
  }
});

Deno.test("generate() gives byte-identical output on every run", () => {
  for (const [name, text] of Object.entries(inputs())) {
    assert.deepEqual(serialize(text), serialize(text), name);
    assert.equal(drawings(text), drawings(text), name);
  }
});

Deno.test("generate() keeps no state between runs: A, then B, then A gives A's output", () => {
  const specs = inputs();
  const a = specs["sales.yaml"] ?? specs["inline.json"];
  const b = specs["inline.yaml"];
  const first = serialize(a);
  const other = serialize(b);
  assert.notDeepEqual(other, first);
  assert.deepEqual(serialize(a), first);
  // And the other way round, with the object input path in between.
  serialize(JSON.parse(specs["inline.json"]) as object);
  assert.deepEqual(serialize(b), other);
});
