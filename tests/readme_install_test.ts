/**
 * The README's install line is the set the tests check the output against: exact versions (`npm i -E`), the same as
 * `tests/consumer/package.json`, covering every package the generated `index.ts` lists, and the README's overrides
 * block keeps `@tanstack/db` to the app's own version.
 *
 * @module
 */
import assert from "node:assert/strict";
import { PACKAGE_VERSIONS } from "../src/emit/index.ts";
import { pinnedVersions, readmeInstallArgs, readmeInstallCommands, readmeOverrides } from "./helpers/readme_install.ts";

const path = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname).replace(/\/$/, "");

Deno.test("readme install: exact versions, the consumer's set, every package the output lists", async () => {
  const readme = await Deno.readTextFile(path("../README.md"));
  const versions = pinnedVersions(readmeInstallArgs(readme));
  for (const [name, version] of versions) assert.match(version, /^\d+\.\d+\.\d+$/, `${name} is pinned exactly`);
  const consumer = JSON.parse(await Deno.readTextFile(path("./consumer/package.json"))).dependencies;
  assert.deepEqual(Object.fromEntries(versions), consumer, "the README installs tests/consumer's dependencies");
  for (const [name, version] of PACKAGE_VERSIONS) assert.equal(versions.get(name), version, name);
});

Deno.test("readme install: the overrides block pins @tanstack/db to the app's own dependency", async () => {
  const overrides = readmeOverrides(await Deno.readTextFile(path("../README.md")));
  assert.deepEqual(overrides, { "@tanstack/db": "$@tanstack/db" });
});

Deno.test("readme install: the upgrade line is the newest set tests/consumer-latest type-checks", async () => {
  const readme = await Deno.readTextFile(path("../README.md"));
  const upgrade = readmeInstallCommands(readme)[1];
  assert.ok(upgrade, "the README has an upgrade line");
  const latest = JSON.parse(await Deno.readTextFile(path("./consumer-latest/package.json"))).dependencies;
  for (const [name, version] of pinnedVersions(upgrade)) assert.equal(latest[name], version, name);
});
