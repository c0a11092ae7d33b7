/**
 * "A Vite + React app works on the first try" (issue 9): a react-ts app scaffolded the way a new user makes one
 * (`npm create vite@9.3.0 -- --template react-ts`), installed with the README's `npm i -E …` line and its `overrides`
 * block, with the generated sales output in `src/generated`, the README's React example as `src/App.tsx` and the
 * README's `vite.config.ts`, passes the template's own checks: `tsc -b`, `vite build` and its lint (`oxlint`, whose
 * config turns on React's `rules-of-hooks`; run with `--deny-warnings`, so `exhaustive-deps` counts too), ESLint's
 * `react-hooks` plugin with `recommended-latest` (from `tests/eslint/`, its own pinned packages) finds nothing, and
 * `npm ls @tanstack/db` shows one copy. Then the built page, opened in headless Chromium (`vite_app_browser.ts`, API
 * answers routed by Playwright), shows the example's order with its customer: screenshot `tests/.out/vite-app.png`.
 *
 * The app is scaffolded and installed once per machine into `tests/.cache/vite-app/` (gitignored), again only when
 * the README's install line or overrides change (a stamp file); each run replaces only the generated code and the
 * README's files. It needs npm and the npm registry (for the first install): skipped with a message without npm,
 * a failure in CI (`CI=true`).
 *
 * @module
 */
import assert from "node:assert/strict";
import { generate } from "../src/generate.ts";
import { ensureNpmModules } from "../scripts/npm_modules.ts";
import { findChromium, NO_CHROMIUM_MESSAGE } from "./e2e/browser.ts";
import type { ViteAppResult } from "./vite_app_browser.ts";
import { requirement } from "./helpers/requirement.ts";
import { writeFiles } from "./helpers/typecheck.ts";
import {
  installedVersions,
  readmeExample,
  readmeInstallArgs,
  readmeOverrides,
  readmeViteConfig,
} from "./helpers/readme_install.ts";

/** `npm create` of this (create-vite 9.3.0) scaffolds the app (its react-ts template: Vite 8, TypeScript 7, oxlint). */
const CREATE_VITE = "vite@9.3.0";

const path = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname).replace(/\/$/, "");
const CACHE = path("./.cache");
const APP = `${CACHE}/vite-app`;
const STAMP = `${APP}/node_modules/.sync-patterns-vite-stamp`;
/** ESLint with eslint-plugin-react-hooks (pinned, committed lock): the template's TypeScript 7 is too new for it. */
const ESLINT = path("./eslint");

interface Run {
  code: number;
  output: string;
}

async function run(command: string, args: string[], cwd: string): Promise<Run> {
  const { code, stdout, stderr } = await new Deno.Command(command, {
    args,
    cwd,
    env: { NO_COLOR: "1", FORCE_COLOR: "0", CI: "true" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return { code, output: decoder.decode(stdout) + decoder.decode(stderr) };
}

async function mustRun(command: string, args: string[], cwd: string): Promise<string> {
  const result = await run(command, args, cwd);
  assert.equal(result.code, 0, `${command} ${args.join(" ")} (in ${cwd}) failed:\n${result.output}`);
  return result.output;
}

function hasNpm(): boolean {
  try {
    return new Deno.Command("npm", { args: ["--version"], stdout: "null", stderr: "null" }).outputSync().success;
  } catch {
    return false;
  }
}

/**
 * Scaffolds and installs the app unless the stamp says it was made with this create-vite, install line and
 * overrides: `npm create vite`, then the README's `npm i -E …`, then its `overrides` block and `npm install`.
 */
async function ensureViteApp(readme: string): Promise<void> {
  const installArgs = readmeInstallArgs(readme);
  const overrides = readmeOverrides(readme);
  const stamp = JSON.stringify({ CREATE_VITE, installArgs, overrides });
  if (await Deno.readTextFile(STAMP).catch(() => "") === stamp) return;
  await Deno.remove(APP, { recursive: true }).catch(() => {});
  await Deno.mkdir(CACHE, { recursive: true });
  await mustRun(
    "npm",
    ["create", "-y", CREATE_VITE, "vite-app", "--", "--template", "react-ts", "--no-interactive"],
    CACHE,
  );
  // its own git repository, as an app usually is: else oxlint applies our .gitignore (tests/.cache/) and finds no file
  await mustRun("git", ["init", "--quiet"], APP);
  await mustRun("npm", [...installArgs, "--no-audit", "--no-fund"], APP);
  const manifest = JSON.parse(await Deno.readTextFile(`${APP}/package.json`));
  await Deno.writeTextFile(`${APP}/package.json`, JSON.stringify({ ...manifest, overrides }, null, 2) + "\n");
  await mustRun("npm", ["install", "--no-audit", "--no-fund"], APP);
  await Deno.writeTextFile(STAMP, stamp);
}

const chromium = requirement("Chromium", findChromium() !== undefined, NO_CHROMIUM_MESSAGE);
const npm = requirement("npm", hasNpm(), "install node and npm (the test scaffolds a Vite app from the npm registry)");

Deno.test({
  name: "vite app: a react-ts app on the generated sales output passes tsc -b, vite build and the template's lint",
  ignore: npm.ignore,
  sanitizeResources: false,
  async fn(t) {
    npm.assert();
    const readme = await Deno.readTextFile(path("../README.md"));
    await ensureViteApp(readme);

    const manifest = JSON.parse(await Deno.readTextFile(`${APP}/package.json`));
    for (const spec of readmeInstallArgs(readme).slice(2)) {
      const at = spec.lastIndexOf("@");
      const [name, version] = [spec.slice(0, at), spec.slice(at + 1)];
      assert.equal(manifest.dependencies?.[name], version, `package.json records ${name} exactly (npm i -E)`);
    }
    const db = await installedVersions(APP, "@tanstack/db");
    assert.deepEqual(db, [manifest.dependencies["@tanstack/db"]], "npm ls @tanstack/db lists one copy");

    await Deno.remove(`${APP}/src/generated`, { recursive: true }).catch(() => {});
    await Deno.remove(`${APP}/node_modules/.tmp`, { recursive: true }).catch(() => {}); // tsc -b's build info
    await Deno.remove(`${APP}/dist`, { recursive: true }).catch(() => {});
    const { files } = generate(await Deno.readTextFile(path("../examples/sales/openapi.yaml")));
    await writeFiles(`${APP}/src/generated`, files);
    await Deno.writeTextFile(`${APP}/src/App.tsx`, readmeExample(readme)); // main.tsx imports its default export
    await Deno.writeTextFile(`${APP}/vite.config.ts`, readmeViteConfig(readme));

    await t.step("tsc -b", async () => {
      await mustRun(`${APP}/node_modules/.bin/tsc`, ["-b"], APP);
    });
    await t.step("vite build", async () => {
      await mustRun(`${APP}/node_modules/.bin/vite`, ["build"], APP);
      const html = await Deno.readTextFile(`${APP}/dist/index.html`);
      assert.match(html, /<script type="module"[^>]*src="\/assets\/index-[^"]+\.js"/);
    });
    await t.step("the template's lint (oxlint with React's hook rules), warnings denied", async () => {
      const config = JSON.parse(await Deno.readTextFile(`${APP}/.oxlintrc.json`));
      assert.equal(config.rules?.["react/rules-of-hooks"], "error", "the template lints React's rules of hooks");
      const output = await mustRun(`${APP}/node_modules/.bin/oxlint`, ["--deny-warnings"], APP);
      assert.match(output, /Found 0 warnings and 0 errors/);
      assert.match(output, /on \d+ files/);
    });
    await t.step(
      "eslint-plugin-react-hooks recommended-latest (the React Compiler's rules too), warnings denied",
      async () => {
        await ensureNpmModules(ESLINT, { command: "ci" });
        const eslint = await run(
          `${ESLINT}/node_modules/.bin/eslint`,
          ["--config", `${ESLINT}/eslint.config.js`, "--format", "json", "src"],
          APP,
        );
        const results: { filePath: string; messages: { ruleId: string; line: number; message: string }[] }[] = JSON
          .parse(eslint.output);
        const problems = results.flatMap((r) =>
          r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId} ${m.message}`)
        );
        assert.deepEqual(problems, [], "no react-hooks problem");
        const linted = results.map((r) => r.filePath.slice(APP.length + 1));
        for (const file of ["src/App.tsx", "src/generated/entities/shared.ts", "src/generated/runtime/react.ts"]) {
          assert.ok(linted.includes(file), `eslint linted ${file}`);
        }
        assert.equal(eslint.code, 0, eslint.output);
      },
    );
    // a build with two copies of @tanstack/db succeeds and renders a blank page: open it
    await t.step({
      name: "the built page renders the README example's orders with their customer in Chromium",
      ignore: chromium.ignore,
      async fn() {
        chromium.assert();
        await Deno.mkdir(path("./.out"), { recursive: true });
        const screenshot = path("./.out/vite-app.png");
        const child = await run(Deno.execPath(), [
          "run",
          "-A",
          path("./vite_app_browser.ts"),
          `${APP}/dist`,
          screenshot,
        ], APP);
        assert.equal(child.code, 0, child.output);
        const line = child.output.split("\n").find((l) => l.startsWith("VITE_APP_RESULT "));
        assert.ok(line, child.output);
        const result: ViteAppResult = JSON.parse(line.slice("VITE_APP_RESULT ".length));
        assert.deepEqual(result.errors, [], "no page error");
        assert.match(
          result.text,
          /SO-1042: Ada Lovelace/,
          `the order and its customer are shown (screenshot ${screenshot})`,
        );
        assert.ok(result.requests.some((r) => r.startsWith("GET /orders?status=pending")), result.requests.join("\n"));
      },
    });
  },
});
