/**
 * The upgrade path the README documents: the generated sales data layer (and the README's React example) type-checks
 * against the newest `@tanstack` set, installed from `tests/consumer-latest/` (`@tanstack/db` 0.15.2 and
 * query-db-collection 1.4.8 while react-db 0.5.11 still pins db 0.15.1) with the README's `overrides` block, and
 * `npm ls @tanstack/db` shows one copy. Without the override npm installs two copies and the build breaks (TS2769).
 *
 * @module
 */
import assert from "node:assert/strict";
import { generate } from "../src/generate.ts";
import { ensureNpmModules } from "../scripts/npm_modules.ts";
import { runDeno } from "./consumer/setup.ts";
import { writeFiles } from "./helpers/typecheck.ts";
import { installedVersions, readmeExample, readmeOverrides } from "./helpers/readme_install.ts";

const path = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname).replace(/\/$/, "");
const LATEST = path("./consumer-latest");
const OUT = path("./.out/check-latest");

Deno.test({
  name: "consumer-latest: the package.json carries the README's overrides block",
  async fn() {
    const overrides = readmeOverrides(await Deno.readTextFile(path("../README.md")));
    const manifest = JSON.parse(await Deno.readTextFile(`${LATEST}/package.json`));
    assert.deepEqual(manifest.overrides, overrides);
  },
});

Deno.test({
  name: "consumer-latest: one @tanstack/db, and the sales output and the README example type-check against it",
  sanitizeResources: false,
  async fn() {
    await ensureNpmModules(LATEST, { command: "ci" });
    const versions = await installedVersions(LATEST, "@tanstack/db");
    const manifest = JSON.parse(await Deno.readTextFile(`${LATEST}/package.json`));
    assert.deepEqual(versions, [manifest.dependencies["@tanstack/db"]], "npm ls @tanstack/db lists one copy");

    await Deno.remove(OUT, { recursive: true }).catch(() => {});
    const { files } = generate(await Deno.readTextFile(path("../examples/sales/openapi.yaml")));
    await writeFiles(`${OUT}/generated`, files);
    await Deno.writeTextFile(`${OUT}/app.tsx`, readmeExample(await Deno.readTextFile(path("../README.md"))));
    await Deno.symlink(`${LATEST}/node_modules`, `${OUT}/node_modules`, { type: "dir" });
    const run = await runDeno("check", ["--quiet", "generated/index.ts", "app.tsx"], OUT);
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
  },
});
