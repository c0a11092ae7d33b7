/**
 * Runs the hand-written prototype of the generated output (`app/`) the way an app would: in the consumer
 * environment (real npm packages with their types), type-checked with the consumer `deno.json`, then its tests
 * (happy-dom + @testing-library/react against a loopback server).
 *
 * @module
 */
import assert from "node:assert/strict";
import { consumerDir, linkConsumerModules, runDeno } from "../consumer/setup.ts";

const APP = decodeURIComponent(new URL("./app", import.meta.url).pathname);
const FILES = ["generated/index.ts", "server.ts", "scenarios_test.tsx", "types_test.ts"];

function report(run: { stdout: string; stderr: string }): string {
  return `${run.stdout}\n${run.stderr}`;
}

Deno.test("consumer environment: one copy of @tanstack/db", async () => {
  await linkConsumerModules(APP);
  const { code, stdout } = await new Deno.Command("npm", {
    args: ["ls", "@tanstack/db", "--json"],
    cwd: consumerDir,
    stdout: "piped",
    stderr: "null",
  }).output();
  assert.equal(code, 0);
  const versions = new Set<string>();
  const walk = (deps: Record<string, { version?: string; dependencies?: Record<string, unknown> }> = {}) => {
    for (const [name, dep] of Object.entries(deps)) {
      if (name === "@tanstack/db" && dep.version) versions.add(dep.version);
      walk(dep.dependencies as typeof deps);
    }
  };
  walk(JSON.parse(new TextDecoder().decode(stdout)).dependencies);
  assert.deepEqual([...versions], ["0.15.1"]);
});

Deno.test("prototype: type-checks strictly against the real packages", async () => {
  await linkConsumerModules(APP);
  const run = await runDeno("check", FILES, APP);
  assert.equal(run.code, 0, report(run));
});

Deno.test("prototype: scenarios pass under happy-dom", async () => {
  await linkConsumerModules(APP);
  const run = await runDeno("test", ["-A", "scenarios_test.tsx", "types_test.ts"], APP);
  assert.equal(run.code, 0, report(run));
  const delay = run.stdout.match(/broadcast → B's list: [^\n]*/)?.[0];
  if (delay) console.log(delay);
});
