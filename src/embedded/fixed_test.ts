import assert from "node:assert/strict";
import { exportedNames, readFixedFiles, renderEmbedded, STUBS } from "../../scripts/embed.ts";
import { FIXED_EXPORTS, FIXED_SOURCES } from "./fixed.ts";

Deno.test({
  name: "fixed: the embedded module equals fixed/**/*.ts (run `deno task embed` after changing them)",
  permissions: { read: true, run: true },
  async fn() {
    const files = await readFixedFiles();
    assert.deepEqual(Object.keys(FIXED_SOURCES), Object.keys(files), "the same files: run `deno task embed`");
    for (const [path, text] of Object.entries(files)) {
      assert.ok(FIXED_SOURCES[path] === text, `${path} differs: run \`deno task embed\``);
      assert.deepEqual(FIXED_EXPORTS[path], exportedNames(path, files), `exports of ${path}: run \`deno task embed\``);
    }
    for (const stub of STUBS) assert.ok(!(stub in FIXED_SOURCES), `${stub} is a stub, not embedded`);
    const text = await Deno.readTextFile(new URL("./fixed.ts", import.meta.url));
    const fmt = new Deno.Command(Deno.execPath(), { args: ["fmt", "-"], stdin: "piped", stdout: "piped" }).spawn();
    const writer = fmt.stdin.getWriter();
    await writer.write(new TextEncoder().encode(renderEmbedded(files)));
    await writer.close();
    assert.equal(text, new TextDecoder().decode((await fmt.output()).stdout), "src/embedded/fixed.ts is stale");
  },
});

Deno.test("fixed: export names are read from the code, with @internal ones marked", () => {
  const core = FIXED_EXPORTS["client/core.ts"];
  assert.deepEqual(core.filter((e) => !e.internal).map((e) => e.name).sort(), [
    "AnswerDetails",
    "ApiConfig",
    "ApiError",
    "ApiRequestError",
    "ApiTimeoutError",
    "BasicCredentials",
    "CallOptions",
    "Credential",
    "DEFAULT_TIMEOUT_MS",
    "ListPage",
    "configureApi",
    "getApiConfig",
  ]);
  assert.ok(core.some((e) => e.name === "request" && e.internal && !e.type));
  assert.ok(core.some((e) => e.name === "requestPage" && e.internal && !e.type));
  assert.ok(FIXED_EXPORTS["collections/shared.ts"].some((e) => e.name === "MAX_VALUES"), "the drifted name is there");
  const runtime = FIXED_EXPORTS["runtime/index.ts"].map((e) => e.name);
  assert.ok(runtime.includes("BroadcastClient") && runtime.includes("useBroadcastInvalidation"));
});
