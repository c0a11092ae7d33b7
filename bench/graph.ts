/**
 * The graph layout bench (`deno task graph:bench`): `layoutGraph()` (dagre) and `renderGraphSvg()` on a synthetic
 * 150-entity model (`tests/fixtures/graph_model.ts`) and on the GitHub REST spec's model (`@octokit/openapi`,
 * fetched into the bench cache (`bench/lib.ts`)). Target: a 150-entity layout well under 1 s on 2 shared cores, so the playground can
 * relayout on a structural change without a visible pause.
 *
 * @module
 */
import { generate } from "../src/generate.ts";
import { layoutGraph } from "../src/graph/layout.ts";
import { renderGraphSvg } from "../src/graph/svg.ts";
import type { EntityModel, RelationshipGraph } from "../src/model/types.ts";
import { bigGraphModel } from "../tests/fixtures/graph_model.ts";
import { githubSpecPath, median, ms, table, timeRuns } from "./lib.ts";

const RUNS = 9;
const TARGET_MS = 1000;

const cases: [string, { model: EntityModel; graph: RelationshipGraph }][] = [
  ["synthetic, 150 entities", bigGraphModel(150)],
  ["synthetic, 30 entities", bigGraphModel(30)],
];
const github = generate(await Deno.readTextFile(await githubSpecPath()));
cases.push([`GitHub REST (${github.model.entities.length} entities)`, github]);

const rows: string[][] = [];
let worst = 0;
for (const [name, { model, graph }] of cases) {
  const layout = median(timeRuns(() => layoutGraph(model, graph), RUNS, 1));
  const l = layoutGraph(model, graph);
  const svg = median(timeRuns(() => renderGraphSvg(l), RUNS, 1));
  if (graph.nodes.length >= 100) worst = Math.max(worst, layout);
  rows.push([
    name,
    String(graph.nodes.length),
    String(graph.edges.length),
    ms(layout),
    ms(svg),
    `${Math.round(l.width)} × ${Math.round(l.height)}`,
  ]);
}
console.log(
  `deno ${Deno.version.deno}, ${navigator.hardwareConcurrency} cores, median of ${RUNS} runs after a warm-up\n`,
);
console.log(table(["model", "entities", "keys", "layoutGraph", "renderGraphSvg", "drawing (px)"], rows));
console.log(`\nlargest layout ${ms(worst)}: ${worst < TARGET_MS ? "within" : "OVER"} the ${ms(TARGET_MS)} target`);
if (worst >= TARGET_MS) Deno.exitCode = 1;
