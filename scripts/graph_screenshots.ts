/**
 * Screenshots of the relationship graph to look at (`deno task graph:screenshots`), in `tests/.out/graph/`:
 *
 * - `cli-sales-{light,dark}.png`: `cli.ts inspect examples/sales/openapi.yaml --graph svg`, opened in Chromium;
 * - `view-github-{light,dark}.png`: the graph view on the GitHub REST spec (`@octokit/openapi`, fetched into
 *   the bench cache by `bench/lib.ts`) as it starts: everything fitted, with the hint;
 * - `view-github-filter.png`, `view-github-focus.png`: filtered by "repo", and `repositories` with its neighbours;
 * - `view-github-linked-{light,dark}.png`: only GitHub's entities that have a relationship (about 30).
 *
 * Slow (the GitHub spec is 13 MB), so a task and not a test.
 *
 * @module
 */
import { githubSpecPath } from "../bench/lib.ts";
import { generate } from "../src/generate.ts";
import { filterGraph } from "../src/graph/layout.ts";
import { launchChromium } from "../tests/e2e/browser.ts";
import { bundleGraphPage, graphPageHtml, serveGraphPages } from "../tests/playground/graph_page.ts";

const ROOT = decodeURIComponent(new URL("../", import.meta.url).pathname).replace(/\/$/, "");
const OUT = `${ROOT}/tests/.out/graph`;
await Deno.mkdir(OUT, { recursive: true });

const cli = await new Deno.Command(Deno.execPath(), {
  args: ["run", "-A", `${ROOT}/cli.ts`, "inspect", `${ROOT}/examples/sales/openapi.yaml`, "--graph", "svg"],
  stdout: "piped",
  stderr: "inherit",
}).output();
if (!cli.success) throw new Error("cli.ts inspect --graph svg failed");
const salesSvg = new TextDecoder().decode(cli.stdout);
await Deno.writeTextFile(`${OUT}/cli-sales.svg`, salesSvg);

const github = generate(await Deno.readTextFile(await githubSpecPath()));
const linked = new Set(github.graph.edges.flatMap((e) => [e.from, e.to]));
const pages = {
  github: graphPageHtml(github, "GitHub graph"),
  linked: graphPageHtml({ model: github.model, graph: filterGraph(github.graph, linked) }, "GitHub, linked entities"),
};
console.log(`GitHub: ${github.model.entities.length} entities, ${github.graph.edges.length} foreign keys`);
console.log(`GitHub linked: ${linked.size} entities`);

const server = serveGraphPages(await bundleGraphPage(), pages);
const browser = await launchChromium();
const written: string[] = [];
try {
  for (const scheme of ["light", "dark"] as const) {
    const context = await browser.newContext({ viewport: { width: 1024, height: 720 }, colorScheme: scheme });
    const page = await context.newPage();

    await page.setContent(`<body style="margin:0">${salesSvg}</body>`);
    await page.screenshot({ path: `${OUT}/cli-sales-${scheme}.png`, fullPage: true });
    written.push(`cli-sales-${scheme}.png`);

    for (const name of ["github", "linked"]) {
      await page.goto(server.url(name));
      await page.waitForSelector('[data-testid="graph-node"]');
      await page.screenshot({ path: `${OUT}/view-${name}-${scheme}.png` });
      written.push(`view-${name}-${scheme}.png`);
    }

    if (scheme === "light") {
      await page.goto(server.url("github"));
      await page.fill('[data-testid="graph-filter"]', "repo");
      await page.screenshot({ path: `${OUT}/view-github-filter.png` });
      await page.click('[data-testid="graph-node"][data-entity="repositories"]');
      await page.click('[data-testid="graph-focus"]');
      await page.screenshot({ path: `${OUT}/view-github-focus.png` });
      written.push("view-github-filter.png", "view-github-focus.png");
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
for (const file of written) console.log(`tests/.out/graph/${file}`);
