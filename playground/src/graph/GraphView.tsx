/**
 * The playground's relationship graph: the same geometry as `inspect --graph svg` (`src/graph/layout.ts`), drawn as
 * inline SVG with pan (drag, arrow keys), zoom (wheel, pinch, + / - buttons and keys) and fit. For big specs a filter
 * box narrows the entities by name, and "Neighbours" shows only the selected entity and the ones it is linked to.
 *
 * Styles: `graph.css` beside this file (the shell includes it; this module imports no CSS).
 *
 * @module
 */
import type { JSX } from "preact";
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import type { EntityModel, RelationshipGraph } from "../../../src/model/types.ts";
import {
  filterGraph,
  type GraphLayout,
  layoutGraph,
  layoutKey,
  matchEntities,
  neighbourhood,
} from "../../../src/graph/layout.ts";
import { MARKERS } from "../../../src/graph/svg.ts";
import "./graph.css";

/** Props of {@link GraphView}. */
export interface GraphViewProps {
  /** The model `generate()` returned. */
  model: EntityModel;
  /** Its relationship graph. */
  graph: RelationshipGraph;
  /** Called with an entity's name when the user clicks it or presses Enter or Space on it. */
  onSelectEntity: (name: string) => void;
}

/** Above this many entities the view starts with a hint to filter or focus. */
export const LARGE_GRAPH = 40;

const MIN_SCALE = 0.05;
const MAX_SCALE = 3;
const FIT_MAX_SCALE = 1.25;
const FIT_PADDING = 16;
const PAN_STEP = 60;
const ZOOM_STEP = 1.25;
const DRAG_THRESHOLD = 4;

interface View {
  x: number;
  y: number;
  k: number;
}

/** The relationship graph as an interactive SVG (see the module doc). */
export function GraphView(props: GraphViewProps): JSX.Element {
  const { model, graph, onSelectEntity } = props;
  const uid = useId().replace(/[^A-Za-z0-9_-]/g, "");
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState<string | null>(null);
  const [focusMode, setFocusMode] = useState(false);
  const [view, setView] = useState<View>({ x: 0, y: 0, k: 1 });
  const svgRef = useRef<SVGSVGElement>(null);
  // Fit again on resize until the user pans or zooms.
  const autoFit = useRef(true);

  const total = graph.nodes.length;
  const focus = focusMode && selected !== null && graph.nodes.some((n) => n.id === selected) ? selected : null;
  const visible = useMemo(() => {
    if (focus) return filterGraph(graph, neighbourhood(graph, focus, 1));
    if (query.trim()) return filterGraph(graph, matchEntities(graph, query));
    return graph;
  }, [graph, focus, query]);

  // Relayout only when what the layout shows changes, not on every generation.
  const key = layoutKey(model, visible);
  const layoutInputs = useRef({ model, visible });
  layoutInputs.current = { model, visible };
  const layout = useMemo(
    () => layoutGraph(layoutInputs.current.model, layoutInputs.current.visible),
    [key],
  );

  const fit = useCallback((target: GraphLayout = layout) => {
    const svg = svgRef.current;
    if (!svg) return;
    const width = svg.clientWidth || 800;
    const height = svg.clientHeight || 500;
    const k = clamp(
      Math.min(
        (width - 2 * FIT_PADDING) / target.width,
        (height - 2 * FIT_PADDING) / target.height,
        FIT_MAX_SCALE,
      ),
      MIN_SCALE,
      MAX_SCALE,
    );
    setView({
      x: (width - target.width * k) / 2,
      y: (height - target.height * k) / 2,
      k,
    });
  }, [layout]);

  // Fit on first render and whenever the layout's structure changes.
  useLayoutEffect(() => {
    autoFit.current = true;
    fit(layout);
  }, [layout]);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      if (autoFit.current) fit();
    });
    observer.observe(svg);
    return () => observer.disconnect();
  }, [fit]);

  const zoomAt = useCallback(
    (factor: number, at?: { x: number; y: number }) => {
      autoFit.current = false;
      setView((v) => {
        const svg = svgRef.current;
        const px = at?.x ?? (svg?.clientWidth ?? 0) / 2;
        const py = at?.y ?? (svg?.clientHeight ?? 0) / 2;
        const k = clamp(v.k * factor, MIN_SCALE, MAX_SCALE);
        const f = k / v.k;
        return { k, x: px - (px - v.x) * f, y: py - (py - v.y) * f };
      });
    },
    [],
  );

  const panBy = useCallback((dx: number, dy: number) => {
    autoFit.current = false;
    setView((v) => ({ ...v, x: v.x + dx, y: v.y + dy }));
  }, []);

  // Wheel zoom needs a non-passive listener (to keep the page from scrolling); pinch on a trackpad is a ctrl+wheel.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = svg.getBoundingClientRect();
      const delta = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
      zoomAt(Math.exp(-delta * (event.ctrlKey ? 0.01 : 0.0015)), {
        x: event.clientX - rect.left,
        y: event.clientY - rect.top,
      });
    };
    svg.addEventListener("wheel", onWheel, { passive: false });
    return () => svg.removeEventListener("wheel", onWheel);
  }, [zoomAt]);

  // Drag to pan (mouse, pen, one finger); two fingers pinch. A press that moves less than a few pixels stays a
  // click, so nodes receive it.
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const drag = useRef<
    { x: number; y: number; moved: boolean; pinch?: number } | null
  >(null);
  const onPointerDown = (event: PointerEvent) => {
    if (event.button !== 0) return;
    pointers.current.set(event.pointerId, {
      x: event.clientX,
      y: event.clientY,
    });
    const points = [...pointers.current.values()];
    drag.current = {
      x: event.clientX,
      y: event.clientY,
      moved: points.length > 1 && (drag.current?.moved ?? false),
      pinch: points.length === 2 ? distance(points[0], points[1]) : undefined,
    };
  };
  const onPointerMove = (event: PointerEvent) => {
    const d = drag.current;
    if (!d || !pointers.current.has(event.pointerId)) return;
    pointers.current.set(event.pointerId, {
      x: event.clientX,
      y: event.clientY,
    });
    const points = [...pointers.current.values()];
    if (points.length === 2 && d.pinch) {
      const now = distance(points[0], points[1]);
      const rect = svgRef.current!.getBoundingClientRect();
      const mid = {
        x: (points[0].x + points[1].x) / 2 - rect.left,
        y: (points[0].y + points[1].y) / 2 - rect.top,
      };
      zoomAt(now / d.pinch, mid);
      d.pinch = now;
      d.moved = true;
      return;
    }
    const dx = event.clientX - d.x;
    const dy = event.clientY - d.y;
    if (!d.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
    // Captured from here on: the click that ends a drag goes to the canvas, not to the node it started on.
    if (!d.moved) {
      (event.currentTarget as Element).setPointerCapture(event.pointerId);
    }
    d.moved = true;
    d.x = event.clientX;
    d.y = event.clientY;
    panBy(dx, dy);
  };
  const onPointerUp = (event: PointerEvent) => {
    pointers.current.delete(event.pointerId);
    if (pointers.current.size === 0) drag.current = null;
  };

  const select = (name: string) => {
    setSelected(name);
    onSelectEntity(name);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (target.tagName === "INPUT" || target.tagName === "BUTTON") return;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [PAN_STEP, 0],
      ArrowRight: [-PAN_STEP, 0],
      ArrowUp: [0, PAN_STEP],
      ArrowDown: [0, -PAN_STEP],
    };
    if (moves[event.key]) {
      event.preventDefault();
      panBy(...moves[event.key]);
    } else if (event.key === "+" || event.key === "=") {
      event.preventDefault();
      zoomAt(ZOOM_STEP);
    } else if (event.key === "-" || event.key === "_") {
      event.preventDefault();
      zoomAt(1 / ZOOM_STEP);
    } else if (event.key === "Escape" && (focusMode || query)) {
      event.preventDefault();
      setQuery("");
      setFocusMode(false);
    } else if (event.key === "0") {
      event.preventDefault();
      autoFit.current = true;
      fit();
    }
  };

  const content = useMemo(
    () => <GraphContent layout={layout} uid={uid} selected={selected} />,
    [layout, uid, selected],
  );

  const filtered = visible.nodes.length !== total;
  const large = total > LARGE_GRAPH;
  const status = focus
    ? `${focus} and its ${visible.nodes.length - 1} neighbour${visible.nodes.length === 2 ? "" : "s"}`
    : filtered
    ? `${visible.nodes.length} of ${total} entities`
    : `${total} ${total === 1 ? "entity" : "entities"}`;

  return (
    <div
      class="sp-graph-view"
      onKeyDown={onKeyDown}
      onClick={(event) => {
        const node = (event.target as Element).closest?.(
          "[data-testid=graph-node]",
        );
        if (node) select(node.getAttribute("data-entity")!);
      }}
    >
      <div
        class="sp-graph-toolbar"
        role="toolbar"
        aria-label="Relationship graph"
      >
        <input
          type="search"
          class="sp-graph-filter"
          data-testid="graph-filter"
          placeholder="Filter entities"
          aria-label="Filter entities by name"
          value={query}
          onInput={(event) => {
            setQuery((event.currentTarget as HTMLInputElement).value);
            setFocusMode(false);
          }}
        />
        <button
          type="button"
          data-testid="graph-focus"
          aria-pressed={focusMode}
          disabled={selected === null}
          title={selected === null ? "Select an entity first" : `Show only ${selected} and its neighbours`}
          onClick={() => setFocusMode((on) => !on)}
        >
          Neighbours
        </button>
        {(filtered || focusMode) && (
          <button
            type="button"
            data-testid="graph-show-all"
            onClick={() => {
              setQuery("");
              setFocusMode(false);
            }}
          >
            Show all
          </button>
        )}
        <span class="sp-graph-status" role="status" data-testid="graph-status">
          {status}
        </span>
        <span class="sp-graph-spacer" />
        <button
          type="button"
          data-testid="graph-zoom-out"
          aria-label="Zoom out"
          onClick={() => zoomAt(1 / ZOOM_STEP)}
        >
          −
        </button>
        <span class="sp-graph-zoom" aria-hidden="true">
          {Math.round(view.k * 100)}%
        </span>
        <button
          type="button"
          data-testid="graph-zoom-in"
          aria-label="Zoom in"
          onClick={() => zoomAt(ZOOM_STEP)}
        >
          +
        </button>
        <button
          type="button"
          data-testid="graph-fit"
          aria-label="Fit to view"
          onClick={() => {
            autoFit.current = true;
            fit();
          }}
        >
          Fit
        </button>
      </div>
      {large && !filtered && !focusMode && (
        <p class="sp-graph-hint" data-testid="graph-hint">
          {total} entities: type in the filter, or select an entity and press “Neighbours” to see only its relations.
        </p>
      )}
      <svg
        ref={svgRef}
        class="sp-graph sp-graph-canvas"
        data-testid="graph"
        tabindex={0}
        role="group"
        aria-label={`Relationship graph, ${status}. Drag or use the arrow keys to pan, + and - to zoom, 0 to fit, Escape to show all.`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      >
        <defs>
          {MARKERS.map((m) => (
            <marker
              key={m.id}
              id={`${uid}-${m.id}`}
              viewBox="-18 -8 20 16"
              refX="0"
              refY="0"
              markerWidth="20"
              markerHeight="16"
              markerUnits="userSpaceOnUse"
              orient="auto-start-reverse"
              class="marker"
            >
              <path d={m.shape} />
            </marker>
          ))}
        </defs>
        <g
          class="sp-graph-viewport"
          data-testid="graph-viewport"
          transform={`translate(${r(view.x)},${r(view.y)}) scale(${r(view.k, 1000)})`}
        >
          {content}
        </g>
        {visible.nodes.length === 0 && (
          <text class="sp-graph-empty" x="50%" y="50%" text-anchor="middle">
            {total === 0 ? "No entities found in this spec" : `No entity matches “${query.trim()}”`}
          </text>
        )}
      </svg>
    </div>
  );
}

/** The edges and nodes, memoized apart from the pan/zoom transform so that panning re-renders nothing inside. */
function GraphContent(
  props: { layout: GraphLayout; uid: string; selected: string | null },
): JSX.Element {
  const { layout, uid, selected } = props;
  return (
    <>
      <g class="edges">
        {layout.edges.map((e) => {
          const active = selected !== null &&
            (e.from === selected || e.to === selected);
          return (
            <g
              key={e.id}
              class={`edge${active ? " active" : ""}`}
              data-testid="graph-edge"
              data-from={e.from}
              data-to={e.to}
            >
              <title>
                {`${e.from}.${e.foreignKey} → ${e.to} (${e.from}.${e.name}, ${e.to}.${e.inverseName})`}
              </title>
              <path
                class={`edge-line${e.nullable ? " nullable" : ""}`}
                d={e.path}
                marker-start={`url(#${uid}-${e.nullable ? "zero-or-one" : "one"})`}
                marker-end={`url(#${uid}-many)`}
              />
              <rect
                class="edge-label-box"
                x={e.label.x - e.label.width / 2}
                y={e.label.y - e.label.height / 2}
                width={e.label.width}
                height={e.label.height}
                rx="3"
              />
              <text
                class="edge-label"
                x={e.label.x}
                y={e.label.y + 4}
                text-anchor="middle"
              >
                {e.label.text}
              </text>
            </g>
          );
        })}
      </g>
      <g class="nodes">
        {layout.nodes.map((n) => (
          <g
            key={n.id}
            class={`node${n.id === selected ? " selected" : ""}`}
            data-testid="graph-node"
            data-entity={n.id}
            transform={`translate(${n.x},${n.y})`}
            tabindex={0}
            role="button"
            aria-label={n.description}
            aria-pressed={n.id === selected}
            onKeyDown={(event) => {
              if (event.key === "Enter" || event.key === " ") {
                event.preventDefault();
                (event.currentTarget as Element).dispatchEvent(
                  new MouseEvent("click", { bubbles: true }),
                );
              }
            }}
          >
            <title>{n.description}</title>
            <rect class="node-box" width={n.width} height={n.height} rx="6" />
            <rect
              class={`node-mode ${n.syncMode}`}
              x="0.5"
              y="6"
              width="3"
              height={n.height - 12}
              rx="1.5"
            />
            {n.lines.map((l) => (
              <text key={l.role} class={l.role} x="12" y={l.baseline}>
                {l.text}
              </text>
            ))}
          </g>
        ))}
      </g>
    </>
  );
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function distance(
  a: { x: number; y: number },
  b: { x: number; y: number },
): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

function r(value: number, precision = 10): number {
  return Math.round(value * precision) / precision;
}
