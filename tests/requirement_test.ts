/**
 * `tests/helpers/requirement.ts`: a test whose requirement is missing is skipped locally and fails in CI.
 * Also checks that the suite's self-skipping tests go through it (no bare `ignore: !x` left).
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

async function denoTest(file: string, env: Record<string, string>): Promise<{ code: number; text: string }> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["test", "--allow-env", "--no-check", file],
    env: { NO_COLOR: "1", ...env },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code, text: new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr) };
}

Deno.test("a missing requirement skips the test locally and fails it with CI=true", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sync-patterns-requirement-" });
  try {
    const file = join(dir, "needs_test.ts");
    const helper = new URL("./helpers/requirement.ts", import.meta.url).href;
    await Deno.writeTextFile(
      file,
      `import { requirement } from ${JSON.stringify(helper)};
const tool = requirement("The frobnicator", false, "install it with apt-get install frobnicator");
Deno.test({ name: "needs the frobnicator", ignore: tool.ignore, fn() { tool.assert(); } });
`,
    );
    const local = await denoTest(file, { PATH: Deno.env.get("PATH") ?? "" });
    assert.equal(local.code, 0, local.text);
    assert.match(local.text, /needs the frobnicator \.\.\. ignored/);
    assert.match(local.text, /\[skipped\] The frobnicator is missing: install it/);

    const ci = await denoTest(file, { PATH: Deno.env.get("PATH") ?? "", CI: "true" });
    assert.notEqual(ci.code, 0, ci.text);
    assert.match(ci.text, /needs the frobnicator \.\.\. FAILED/);
    assert.match(ci.text, /The frobnicator is missing: install it with apt-get install frobnicator \(CI=true/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("no test of the suite skips itself on a bare condition (they use requirement())", async () => {
  const offenders: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for await (const e of Deno.readDir(dir)) {
      const path = join(dir, e.name);
      if (e.isDirectory && !e.name.startsWith(".") && e.name !== "node_modules") await walk(path);
      else if (/_test\.tsx?$/.test(e.name) && e.name !== "requirement_test.ts") {
        const text = await Deno.readTextFile(path);
        for (const m of text.matchAll(/ignore:\s*(?!\s)(?!\w+\.ignore\b)[^,\n]+/g)) offenders.push(`${path}: ${m[0]}`);
      }
    }
  };
  await walk(join(ROOT, "tests"));
  await walk(join(ROOT, "src"));
  assert.deepEqual(offenders, []);
});
