/**
 * The Preview's build step: vendor modules that load as ES modules with their named exports, one copy of
 * `@tanstack/db` among them, an import map whose every entry exists, with relative URLs only.
 *
 * @module
 */
import assert from "node:assert/strict";
import { buildPreviewAssets, EXPLORER_SPECIFIER, VENDOR_SPECIFIERS } from "../../scripts/playground/preview_build.ts";

Deno.test("preview assets: vendor modules, one @tanstack/db, a relative import map, explorer and runtime", async () => {
  const dist = await Deno.makeTempDir({ prefix: "preview-build-test-" });
  try {
    const { files, bytes, gzipBytes } = await buildPreviewAssets(dist);
    for (const file of ["esbuild.wasm", "preview/importmap.json", "preview/explorer.js", "preview/explorer.css"]) {
      assert.ok(files.includes(file), `${file} is written`);
    }
    assert.ok(files.includes("preview/runtime.js"));
    assert.ok(bytes > gzipBytes && gzipBytes > 50_000, `vendor sizes ${bytes} / ${gzipBytes}`);

    const map = JSON.parse(await Deno.readTextFile(`${dist}/preview/importmap.json`)) as {
      imports: Record<string, string>;
    };
    assert.deepEqual(Object.keys(map.imports).sort(), [...VENDOR_SPECIFIERS, EXPLORER_SPECIFIER].sort());
    for (const path of Object.values(map.imports)) {
      assert.ok(!path.startsWith("/") && !/^[a-z]+:/.test(path), `${path} is relative`);
      await Deno.stat(`${dist}/${path}`);
    }

    // one copy: the code of @tanstack/db (marked by a Symbol.for key of its own) is in one file, which the entry
    // modules of @tanstack/db, @tanstack/react-db and @tanstack/query-db-collection share
    const vendor = files.filter((f) => f.startsWith("vendor/"));
    const holders: string[] = [];
    for (const file of vendor) {
      if ((await Deno.readTextFile(`${dist}/${file}`)).includes("@tanstack/db.collectionSyncConfig.factory")) {
        holders.push(file);
      }
    }
    assert.equal(holders.length, 1, `@tanstack/db is bundled once (found in ${holders.join(", ")})`);

    // the modules link and have the named exports generated code imports (React is CommonJS: named by the build)
    const load = (specifier: string) => import(new URL(`file://${dist}/${map.imports[specifier]}`).href);
    const react = await load("react");
    assert.equal(typeof react.useState, "function");
    assert.equal(typeof react.createElement, "function");
    assert.equal(typeof react.default.useSyncExternalStore, "function");
    assert.equal(typeof (await load("react/jsx-runtime")).jsx, "function");
    assert.equal(typeof (await load("react-dom/client")).createRoot, "function");
    assert.equal(typeof (await load("@tanstack/db")).createCollection, "function");
    assert.equal(typeof (await load("@tanstack/query-db-collection")).queryCollectionOptions, "function");
    assert.equal(typeof (await load("@tanstack/react-query")).QueryClientProvider, "function");
    assert.equal(typeof (await load("@tanstack/query-core")).QueryClient, "function");
    assert.equal(typeof (await load("@tanstack/react-db")).useLiveQuery, "function");
    const { z } = await load("zod");
    assert.equal(z.string().parse("x"), "x");
  } finally {
    await Deno.remove(dist, { recursive: true });
  }
});
