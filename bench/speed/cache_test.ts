import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cacheDir, ROOT } from "../lib.ts";

const env = (vars: Record<string, string>) => (name: string) => vars[name];

Deno.test("cacheDir: SYNC_PATTERNS_CACHE first, then XDG_CACHE_HOME, then ~/.cache, then the temporary folder", () => {
  const all = { SYNC_PATTERNS_CACHE: "/c/own", XDG_CACHE_HOME: "/c/xdg", HOME: "/home/u" };
  assert.equal(cacheDir(env(all)), "/c/own");
  assert.equal(cacheDir(env({ ...all, SYNC_PATTERNS_CACHE: "" })), "/c/xdg/sync-patterns");
  assert.equal(cacheDir(env({ HOME: "/home/u" })), "/home/u/.cache/sync-patterns");
  assert.equal(cacheDir(env({})), join(tmpdir(), "sync-patterns"));
});

Deno.test("cacheDir: outside the repository for the usual environments", () => {
  for (const dir of [cacheDir(env({ HOME: "/home/u" })), cacheDir(env({ XDG_CACHE_HOME: "/var/cache" }))]) {
    assert.ok(!dir.startsWith(ROOT), dir);
  }
});
