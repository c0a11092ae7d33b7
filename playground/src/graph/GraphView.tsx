/**
 * PLACEHOLDER for the relationship graph (the real component is built on another branch and replaces this file
 * at merge): one node per entity in a plain grid, so that the shell and its tests run.
 *
 * @module
 */
import type { JSX } from "preact";
import type { EntityModel, RelationshipGraph } from "../../../mod.ts";

/** Props of {@link GraphView}. */
export interface GraphViewProps {
  model: EntityModel;
  graph: RelationshipGraph;
  /** Called with an entity's name when its node is chosen. */
  onSelectEntity: (name: string) => void;
}

const W = 150;
const H = 44;
const GAP = 24;

/** The entities as a grid of boxes; click or Enter on a box selects its entity. */
export function GraphView(props: GraphViewProps): JSX.Element {
  const entities = props.model.entities;
  const columns = Math.max(1, Math.min(2, entities.length));
  const rows = Math.ceil(entities.length / columns);
  const width = columns * (W + GAP) + GAP;
  const height = Math.max(1, rows) * (H + GAP) + GAP;
  return (
    <svg
      data-testid="graph"
      class="graph-placeholder"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="group"
      aria-label="Entities"
    >
      {entities.map((entity, i) => {
        const x = GAP + (i % columns) * (W + GAP);
        const y = GAP + Math.floor(i / columns) * (H + GAP);
        return (
          <g
            key={entity.name}
            data-testid="graph-node"
            data-entity={entity.name}
            transform={`translate(${x},${y})`}
            tabIndex={0}
            role="button"
            aria-label={`Entity ${entity.name}`}
            onClick={() => props.onSelectEntity(entity.name)}
            onKeyDown={(event) => {
              if (event.key === "Enter" || event.key === " ") props.onSelectEntity(entity.name);
            }}
          >
            <rect width={W} height={H} rx={6} />
            <text x={W / 2} y={H / 2} dominant-baseline="middle" text-anchor="middle">{entity.name}</text>
          </g>
        );
      })}
    </svg>
  );
}
