/**
 * The Preview tab: the generated data layer running in two side-by-side frames (clients A and B, each with its own
 * store and QueryClient) on one mock backend made from the spec, in this page.
 *
 * Everything heavy (esbuild-wasm, faker, the mock) is in `preview/runtime.js`, imported the first time the tab is
 * active; the frames load React, TanStack and zod from the pre-bundled `vendor/` modules through an import map.
 *
 * @module
 */
import type { JSX } from "preact";
import { useEffect, useMemo, useReducer, useRef, useState } from "preact/hooks";
import type { EntityModel } from "../../../src/model/types.ts";
import type { FrameMount, MockBackend, PreviewHost } from "./runtime.ts";
import "./preview.css";

type Runtime = typeof import("./runtime.ts");

/** Props of {@link PreviewPane}. */
export interface PreviewPaneProps {
  /** The generator's output (relative path → source). */
  files: Record<string, string>;
  model: EntityModel;
  /** The tab is shown: only then does the pane load and rebuild. */
  active: boolean;
  /** The playground's root URL (where `esbuild.wasm`, `vendor/` and `preview/` are). @default {document.baseURI} */
  assetBase?: string;
}

/** Milliseconds of quiet after the last change before rebuilding (the shell debounces keystrokes already). */
const DEBOUNCE_MS = 60;
const FAIL_STATUSES = [400, 403, 404, 409, 422, 500, 503];
/** The origin the generated client is configured with; the mock answers any URL. */
const MOCK_ORIGIN = "https://mock.api.invalid";

let runtimePromise: Promise<Runtime> | undefined;

function loadRuntime(base: string): Promise<Runtime> {
  // a URL built at run time, so the shell's bundler leaves it a lazy import of the file the preview build wrote
  const url = new URL("preview/runtime.js", base).href;
  runtimePromise ??= import(url) as Promise<Runtime>;
  return runtimePromise;
}

/** Frames are made anew after this many rebuilds (each rebuild leaves its modules in the frame's module map). */
const REBUILDS_PER_FRAME = 30;
const SIDES = ["a", "b"] as const;

interface Frames {
  epoch: number;
  docs: Record<"a" | "b", string>;
  mounts: Record<"a" | "b", Promise<FrameMount>>;
  release: () => void;
}

interface BuildState {
  phase: "loading" | "bundling" | "ready" | "error";
  error?: string;
  /** Good builds mounted so far. */
  generation: number;
  /** Last change of the files → both clients rendered, for the last good build. */
  rebuildMs?: number;
  /** Of that, esbuild-wasm's part. */
  bundleMs?: number;
}

function makeFrames(runtime: Runtime, base: string, epoch: number): Frames {
  const slots = SIDES.map((side) => runtime.registerFrame(side));
  return {
    epoch,
    docs: {
      a: runtime.frameDocument(slots[0]!.key, base),
      b: runtime.frameDocument(slots[1]!.key, base),
    },
    mounts: { a: slots[0]!.mount, b: slots[1]!.mount },
    release: () => slots.forEach((slot) => slot.release()),
  };
}

/** The Preview tab's content. */
export function PreviewPane(props: PreviewPaneProps): JSX.Element {
  const { files, model, active } = props;
  const base = props.assetBase ?? document.baseURI;
  const [runtime, setRuntime] = useState<Runtime | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const [state, setState] = useState<BuildState>({
    phase: "loading",
    generation: 0,
  });
  const [frames, setFrames] = useState<Frames | undefined>(undefined);
  const backendRef = useRef<
    { signature: string; backend: MockBackend } | undefined
  >(undefined);
  const [, refresh] = useReducer((n: number) => n + 1, 0);
  const changedAt = useRef(performance.now());
  const builds = useRef(0);
  const memory = useRef({ a: {}, b: {} });
  const hasEntities = model.entities.some((e) => e.operations.list);

  useEffect(() => {
    changedAt.current = performance.now();
  }, [files]);

  useEffect(() => {
    if (!active || runtime) return;
    loadRuntime(base).then(
      (loaded) => {
        setRuntime(loaded);
        setFrames(makeFrames(loaded, base, 0));
      },
      (error) => setLoadError(`The preview could not load: ${describe(error)}`),
    );
  }, [active, runtime, base]);

  useEffect(() => () => frames?.release(), [frames]);

  const backend = useMemo(() => {
    if (!runtime || !hasEntities) return undefined;
    const signature = JSON.stringify(model);
    if (backendRef.current?.signature !== signature) {
      backendRef.current = { signature, backend: runtime.createBackend(model) };
    }
    return backendRef.current.backend;
  }, [runtime, model, hasEntities]);

  useEffect(() => backend?.subscribe(() => refresh(undefined)), [backend]);

  useEffect(() => {
    if (!active || !runtime || !backend || !frames) return;
    let cancelled = false;
    const timer = setTimeout(async () => {
      setState((s) => ({ ...s, phase: "bundling" }));
      const started = changedAt.current;
      const result = await runtime.bundleFiles(files, base);
      if (cancelled) {
        if (result.ok) URL.revokeObjectURL(result.url);
        return;
      }
      if (!result.ok) {
        setState((s) => ({ ...s, phase: "error", error: result.error }));
        return;
      }
      const build = ++builds.current;
      const epoch = Math.floor((build - 1) / REBUILDS_PER_FRAME);
      if (epoch !== frames.epoch) {
        // fresh frames; their first mount comes with this build through the effect's next run
        URL.revokeObjectURL(result.url);
        setFrames(makeFrames(runtime, base, epoch));
        return;
      }
      let pending = SIDES.length;
      const mounted = SIDES.map((side) => {
        const host: PreviewHost = {
          client: side.toUpperCase(),
          bundleUrl: result.url,
          model,
          memory: memory.current[side],
          baseUrl: MOCK_ORIGIN,
          broadcastUrl: `${MOCK_ORIGIN.replace(/^https/, "wss")}/ws/broadcast`,
          fetch: backend.fetch,
          WebSocket: backend.sockets.WebSocket,
          onReady: () => {
            if (--pending !== 0 || cancelled) return;
            setState((s) => ({
              phase: "ready",
              generation: s.generation + 1,
              rebuildMs: performance.now() - started,
              bundleMs: result.ms,
            }));
          },
          onError: (error) => {
            setState((s) => ({
              ...s,
              phase: "error",
              error: `The preview failed to start: ${describe(error)}`,
            }));
          },
        };
        return frames.mounts[side].then((mount) => mount(host));
      });
      // the frames imported the bundle: its URL is no longer needed
      Promise.all(mounted).finally(() => URL.revokeObjectURL(result.url));
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [active, runtime, backend, frames, files]);

  const status = loadError
    ? loadError
    : state.phase === "loading"
    ? "Loading the preview…"
    : state.phase === "bundling"
    ? "Rebuilding…"
    : state.phase === "error"
    ? "Build failed"
    : state.rebuildMs !== undefined
    ? `${state.generation === 1 ? "Started" : "Rebuilt"} in ${Math.round(state.rebuildMs)} ms`
    : "";

  return (
    <div
      class="pv-pane"
      data-testid="preview"
      data-generation={state.generation}
    >
      {!hasEntities && (
        <div class="pv-message" role="status">
          <strong>Nothing to preview.</strong>{" "}
          This spec generates no entity with a list operation. Add a resource (for example <code>GET /items</code>{" "}
          answering with an array of objects that have an <code>id</code>) to see it live here.
        </div>
      )}
      <div
        class="pv-toolbar"
        role="toolbar"
        aria-label="Mock backend"
        hidden={!hasEntities}
      >
        <label class="pv-control">
          <span>Latency</span>
          <input
            type="range"
            min={0}
            max={2000}
            step={50}
            value={backend?.latencyMs ?? 0}
            data-testid="preview-latency"
            aria-valuetext={`${backend?.latencyMs ?? 0} ms`}
            onInput={(e) => backend && (backend.latencyMs = Number(e.currentTarget.value))}
          />
          <output class="pv-value">{backend?.latencyMs ?? 0} ms</output>
        </label>
        <label class="pv-control">
          <span>Fail the next write</span>
          <select
            data-testid="preview-fail-next"
            value={backend?.failNext === undefined ? "" : String(backend.failNext)}
            onChange={(e) => {
              if (backend) {
                backend.failNext = e.currentTarget.value ? Number(e.currentTarget.value) : undefined;
              }
            }}
          >
            <option value="">off</option>
            {FAIL_STATUSES.map((s) => <option key={s} value={String(s)}>{s}</option>)}
          </select>
        </label>
        {backend?.failNext !== undefined && <span class="pv-armed">armed: {backend.failNext}</span>}
        <span
          class={`pv-status${state.phase === "error" || loadError ? " pv-status-error" : ""}`}
          data-testid="preview-rebuild-time"
          role="status"
          title={state.bundleMs !== undefined ? `esbuild: ${Math.round(state.bundleMs)} ms` : undefined}
        >
          {status}
        </span>
      </div>
      {hasEntities && state.phase === "error" && state.error && (
        <pre
          class="pv-build-error"
          data-testid="preview-build-error"
          role="alert"
        >
          {state.error}
          {state.generation > 0 ? "\n(showing the last preview that built)" : ""}
        </pre>
      )}
      <div class="pv-clients" hidden={!hasEntities}>
        {SIDES.map((side) => (
          <div class="pv-client" key={side}>
            <div class="pv-client-label">Client {side.toUpperCase()}</div>
            {frames
              ? (
                <iframe
                  key={`${side}-${frames.epoch}`}
                  class="pv-frame"
                  title={`Preview client ${side.toUpperCase()}`}
                  data-testid={`preview-client-${side}`}
                  srcdoc={frames.docs[side]}
                />
              )
              : <div class="pv-frame pv-placeholder">Loading…</div>}
          </div>
        ))}
      </div>
      {backend && hasEntities && <RequestLog backend={backend} />}
    </div>
  );
}

function RequestLog({ backend }: { backend: MockBackend }): JSX.Element {
  const recent = backend.log.slice(-6).reverse();
  return (
    <details class="pv-log">
      <summary>Mock API requests ({backend.log.length})</summary>
      <ul>
        {recent.map((entry, i) => (
          <li
            key={`${backend.log.length}-${i}`}
            class={entry.status >= 400 ? "pv-log-error" : undefined}
          >
            <code>{entry.method}</code> <code>{entry.path}</code> <span>{entry.status}</span>
            {entry.simulated && <span>(simulated)</span>}
          </li>
        ))}
      </ul>
    </details>
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
