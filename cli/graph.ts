/**
 * The files of `inspect --graph`: the relationship graph as Mermaid, DOT or SVG, each with our "DO NOT EDIT"
 * header as a comment on its first line, so that a later run may replace the file and nothing else.
 *
 * @module
 */
import type { EntityModel, RelationshipGraph } from "../src/model/types.ts";
import { GENERATED_MARKER } from "../src/emit/print/writer.ts";
import { renderGraphSvg } from "../src/graph/svg.ts";
import { renderGraphDot, renderGraphMermaid } from "../src/graph/text.ts";
import type { GraphFormat } from "./args.ts";

const HEADER = `${GENERATED_MARKER}. Changes are overwritten on the next run.`;

/**
 * The graph in `format`, starting with a header comment in that format's syntax and ending with a newline.
 *
 * @param format `mermaid`, `dot` or `svg` (laid out by `src/graph/layout.ts`, as the playground's view is; that
 *   module and its layout library are loaded only for `svg`)
 * @param model the model `generate()` returned
 * @param graph its relationship graph
 */
export async function renderGraphFile(
  format: GraphFormat,
  model: EntityModel,
  graph: RelationshipGraph,
): Promise<string> {
  switch (format) {
    case "mermaid":
      return `%% ${HEADER}\n${renderGraphMermaid(model, graph)}`;
    case "dot":
      return `// ${HEADER}\n${renderGraphDot(model, graph)}`;
    case "svg": {
      const { layoutGraph } = await import("../src/graph/layout.ts");
      return `<!-- ${HEADER} -->\n${renderGraphSvg(layoutGraph(model, graph), { title: model.title || undefined })}`;
    }
  }
}
