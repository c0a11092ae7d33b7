import assert from "node:assert/strict";
import {
  fillConfig,
  firstErrorLine,
  installHash,
  peerCell,
  peerOutcome,
  PEERS,
  satisfiesNode,
  speedup,
} from "./peers.ts";

const run = (over: Partial<Parameters<typeof peerOutcome>[0]>) =>
  peerOutcome({ code: 0, timedOut: false, stdout: "", stderr: "", outputFiles: 3, ...over });

Deno.test("peerOutcome: ok only with exit 0 and files written", () => {
  assert.deepEqual(run({}), { status: "ok" });
  const empty = run({ outputFiles: 0, stdout: "done" });
  assert.equal(empty.status, "failed");
  assert.match(empty.note!, /no file written/);
});

Deno.test("peerOutcome: a failure gives the line that says what went wrong, colours stripped", () => {
  const orval = run({
    code: 1,
    stdout:
      "\x1b[36m🍻 orval v8.38.0 - A swagger client generator\x1b[39m\nbench - 🛑 Map.groupBy is not a function\n" +
      "🛑 One or more project failed, see above for details\n",
  });
  assert.deepEqual(orval, { status: "failed", note: "bench - 🛑 Map.groupBy is not a function" });
});

Deno.test("peerOutcome: V8's heap limit and the kernel's OOM kill are 'out of memory'; the time bound 'timed out'", () => {
  const v8 = run({
    code: 134,
    stderr: "<--- Last few GCs --->\n[123:0x5] 20000 ms: Mark-Compact 4000.1 (4100.2) -> 3990.0 MB\n" +
      "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n 1: 0xb8a8d0 node::Abort()\n",
  });
  assert.equal(v8.status, "out of memory");
  assert.equal(v8.note, "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory");
  assert.equal(run({ code: 137 }).status, "out of memory");
  assert.deepEqual(run({ code: 124, timedOut: true, stdout: "Generating…" }), { status: "timed out" });
});

Deno.test("firstErrorLine: the last line when none looks like an error; long lines are cut", () => {
  assert.equal(firstErrorLine("step 1\nstep 2\n\n"), "step 2");
  assert.equal(firstErrorLine(""), "no output");
  const long = firstErrorLine(`Error: ${"x".repeat(300)}`);
  assert.equal(long.length, 140);
  assert.ok(long.endsWith("…"));
});

Deno.test("satisfiesNode: engines ranges decide node or deno; what it cannot read is not satisfied", () => {
  assert.equal(satisfiesNode(">=22.18.0", "v20.20.2"), false);
  assert.equal(satisfiesNode(">=20", "v20.20.2"), true);
  assert.equal(satisfiesNode("^20.19.0 || >=22.12.0", "v20.20.2"), true);
  assert.equal(satisfiesNode("^20.19.0 || >=22.12.0", "v21.1.0"), false);
  assert.equal(satisfiesNode(">=18 <20", "v20.0.0"), false);
  assert.equal(satisfiesNode("18.x", "v18.3.0"), true);
  assert.equal(satisfiesNode(undefined, "v20.20.2"), true);
  assert.equal(satisfiesNode("lts/*", "v20.20.2"), false);
});

Deno.test("fillConfig: the spec and output paths land escaped as for a double-quoted string", () => {
  const template = 'export default { input: "__SPEC__", output: "__OUT__/a", also: "__OUT__" };';
  assert.equal(
    fillConfig(template, '/tmp/we"ird\\spec.json', "/tmp/out"),
    'export default { input: "/tmp/we\\"ird\\\\spec.json", output: "/tmp/out/a", also: "/tmp/out" };',
  );
});

Deno.test("every peer has its config template in bench/peers/, with both placeholders", async () => {
  for (const peer of PEERS) {
    const text = await Deno.readTextFile(new URL(`../peers/${peer.config}`, import.meta.url));
    assert.match(text, /__SPEC__/, peer.config);
    assert.match(text, /__OUT__/, peer.config);
    assert.ok(peer.args("/c").includes("/c"), peer.name);
  }
});

Deno.test("speedup and peerCell: their time ÷ ours; a failure shows its status and footnote", () => {
  assert.equal(speedup(490, 3180), "6.5×");
  assert.equal(speedup(200, 9100), "46×");
  assert.equal(peerCell({ status: "ok", ms: 3180, rssMiB: 441.2 }, 490, 0), "3.18 s · 441 MB · 6.5×");
  assert.equal(peerCell({ status: "ok", ms: 3180 }, undefined, 0), "3.18 s · –");
  assert.equal(peerCell({ status: "out of memory" }, 490, 2), "out of memory [2]");
});

Deno.test("installHash: the same manifest gives the same folder, another manifest another one", async () => {
  const a = await installHash('{"dependencies":{"orval":"8.38.0"}}');
  assert.match(a, /^[0-9a-f]{12}$/);
  assert.equal(await installHash('{"dependencies":{"orval":"8.38.0"}}'), a);
  assert.notEqual(await installHash('{"dependencies":{"orval":"8.38.1"}}'), a);
});
