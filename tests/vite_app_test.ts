/**
 * "A Vite + React app works on the first try" (issue 9): a react-ts app scaffolded the way a new user makes one
 * (`npm create vite@9.3.0 -- --template react-ts`), installed with the README's `npm i -E …` line and its `overrides`
 * block, with the generated sales output in `src/generated`, the README's React example as `src/App.tsx` and the
 * README's `vite.config.ts`, passes the template's own checks: `tsc -b`, `vite build` and its lint (`oxlint`, whose
 * config turns on React's `rules-of-hooks`; run with `--deny-warnings`, so `exhaustive-deps` counts too); ESLint's
 * `react-hooks` plugin with `recommended-latest` (from `tests/eslint/`, its own pinned packages) finds nothing;
 * `npm ls @tanstack/db` shows one copy; and the built page, opened in headless Chromium (`vite_app_browser.ts`, API
 * answers routed by Playwright), shows the example's order with its customer (screenshots in `tests/.out/`). A
 * second app also runs the README's upgrade line (the newest `@tanstack` set under the override) and must still
 * build and render.
 *
 * The apps are scaffolded and installed once per machine into `tests/.cache/` (gitignored), again only when the
 * README's install lines or overrides change (a stamp file); each run replaces only the generated code and the
 * README's files. The template's own dev dependencies resolve at that first install, as a new user's do. It needs
 * npm and the npm registry (for the first install): skipped with a message without npm, a failure in CI (`CI=true`).
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
  pinnedVersions,
  readmeExample,
  readmeInstallArgs,
  readmeInstallCommands,
  readmeOverrides,
  readmeViteConfig,
} from "./helpers/readme_install.ts";

/** `npm create` of this (create-vite 9.3.0) scaffolds the app (its react-ts template: Vite 8, TypeScript 7, oxlint). */
const CREATE_VITE = "vite@9.3.0";

const path = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname).replace(/\/$/, "");
const CACHE = path("./.cache");
const STAMP = "node_modules/.sync-patterns-vite-stamp";
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

const chromium = requirement("Chromium", findChromium() !== undefined, NO_CHROMIUM_MESSAGE);
const npm = requirement("npm", hasNpm(), "install node and npm (the test scaffolds a Vite app from the npm registry)");

/**
 * Scaffolds and installs `tests/.cache/<name>` unless its stamp says it was made the same way: `npm create vite`,
 * then the README's `npm i -E …`, then its `overrides` block and `npm install`, then `upgrades` (more README
 * `npm i -E` lines), as a user following the README does.
 *
 * @returns The app's folder.
 */
async function ensureViteApp(name: string, readme: string, upgrades: string[][]): Promise<string> {
  const app = `${CACHE}/${name}`;
  const installArgs = readmeInstallArgs(readme);
  const overrides = readmeOverrides(readme);
  const stamp = JSON.stringify({ CREATE_VITE, installArgs, overrides, upgrades });
  if (await Deno.readTextFile(`${app}/${STAMP}`).catch(() => "") === stamp) return app;
  await Deno.remove(app, { recursive: true }).catch(() => {});
  await Deno.mkdir(CACHE, { recursive: true });
  await mustRun("npm", ["create", "-y", CREATE_VITE, name, "--", "--template", "react-ts", "--no-interactive"], CACHE);
  // its own git repository, as an app usually is: else oxlint applies our .gitignore (tests/.cache/) and finds no file
  await mustRun("git", ["init", "--quiet"], app);
  await mustRun("npm", [...installArgs, "--no-audit", "--no-fund"], app);
  const manifest = JSON.parse(await Deno.readTextFile(`${app}/package.json`));
  await Deno.writeTextFile(`${app}/package.json`, JSON.stringify({ ...manifest, overrides }, null, 2) + "\n");
  await mustRun("npm", ["install", "--no-audit", "--no-fund"], app);
  for (const upgrade of upgrades) await mustRun("npm", [...upgrade, "--no-audit", "--no-fund"], app);
  await Deno.writeTextFile(`${app}/${STAMP}`, stamp);
  return app;
}

/**
 * The checks on one app: exact versions in its package.json, one `@tanstack/db`, then (steps) `tsc -b`,
 * `vite build`, the lints when `lint`, and the page in Chromium.
 */
async function checkViteApp(t: Deno.TestContext, app: string, readme: string, installs: string[][], lint: boolean) {
  const manifest = JSON.parse(await Deno.readTextFile(`${app}/package.json`));
  const expected = new Map(installs.flatMap((install) => [...pinnedVersions(install)]));
  for (const [name, version] of expected) {
    assert.equal(manifest.dependencies?.[name], version, `package.json records ${name} exactly (npm i -E)`);
  }
  const db = await installedVersions(app, "@tanstack/db");
  assert.deepEqual(db, [expected.get("@tanstack/db")], "npm ls @tanstack/db lists one copy");

  await Deno.remove(`${app}/src/generated`, { recursive: true }).catch(() => {});
  await Deno.remove(`${app}/node_modules/.tmp`, { recursive: true }).catch(() => {}); // tsc -b's build info
  await Deno.remove(`${app}/dist`, { recursive: true }).catch(() => {});
  const { files } = generate(await Deno.readTextFile(path("../examples/sales/openapi.yaml")));
  await writeFiles(`${app}/src/generated`, files);
  await Deno.writeTextFile(`${app}/src/App.tsx`, readmeExample(readme)); // main.tsx imports its default export
  await Deno.writeTextFile(`${app}/vite.config.ts`, readmeViteConfig(readme));

  await t.step("tsc -b", async () => {
    await mustRun(`${app}/node_modules/.bin/tsc`, ["-b"], app);
  });
  await t.step("vite build", async () => {
    await mustRun(`${app}/node_modules/.bin/vite`, ["build"], app);
    const html = await Deno.readTextFile(`${app}/dist/index.html`);
    assert.match(html, /<script type="module"[^>]*src="\/assets\/index-[^"]+\.js"/);
  });
  if (lint) {
    await t.step("the template's lint (oxlint with React's hook rules), warnings denied", async () => {
      const config = JSON.parse(await Deno.readTextFile(`${app}/.oxlintrc.json`));
      assert.equal(config.rules?.["react/rules-of-hooks"], "error", "the template lints React's rules of hooks");
      const output = await mustRun(`${app}/node_modules/.bin/oxlint`, ["--deny-warnings"], app);
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
          app,
        );
        const results: { filePath: string; messages: { ruleId: string; line: number; message: string }[] }[] = JSON
          .parse(eslint.output);
        const problems = results.flatMap((r) =>
          r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId} ${m.message}`)
        );
        assert.deepEqual(problems, [], "no react-hooks problem");
        const linted = results.map((r) => r.filePath.slice(app.length + 1));
        for (const file of ["src/App.tsx", "src/generated/entities/shared.ts", "src/generated/runtime/react.ts"]) {
          assert.ok(linted.includes(file), `eslint linted ${file}`);
        }
        assert.equal(eslint.code, 0, eslint.output);
      },
    );
  }
  // a build with two copies of @tanstack/db succeeds and renders a blank page: open it
  await t.step({
    name: "the built page renders the README example's orders with their customer in Chromium",
    ignore: chromium.ignore,
    async fn() {
      chromium.assert();
      await Deno.mkdir(path("./.out"), { recursive: true });
      const screenshot = path(`./.out/${app.slice(CACHE.length + 1)}.png`);
      const child = await run(Deno.execPath(), [
        "run",
        "-A",
        path("./vite_app_browser.ts"),
        `${app}/dist`,
        screenshot,
      ], app);
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
}

Deno.test({
  name: "vite app: a react-ts app on the generated sales output passes tsc -b, vite build and the template's lint",
  ignore: npm.ignore,
  sanitizeResources: false,
  async fn(t) {
    npm.assert();
    const readme = await Deno.readTextFile(path("../README.md"));
    const app = await ensureViteApp("vite-app", readme, []);
    await checkViteApp(t, app, readme, [readmeInstallArgs(readme)], true);
  },
});

Deno.test({
  name: "vite app: after the README's upgrade (newest @tanstack set, override kept) it still builds and renders",
  ignore: npm.ignore,
  sanitizeResources: false,
  async fn(t) {
    npm.assert();
    const readme = await Deno.readTextFile(path("../README.md"));
    const [install, upgrade] = readmeInstallCommands(readme);
    assert.ok(install && upgrade, "the README has an install line and an upgrade line");
    const app = await ensureViteApp("vite-app-upgraded", readme, [upgrade]);
    await checkViteApp(t, app, readme, [install, upgrade], false);
  },
});
