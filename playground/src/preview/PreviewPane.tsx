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
import type { MockBackend, PreviewHost } from "./runtime.ts";
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

/** Milliseconds of quiet after the last change before rebuilding. */
const DEBOUNCE_MS = 120;
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

interface Generation {
  id: number;
  bundleUrl: string;
  docs: { a: string; b: string };
  release: () => void;
}

interface BuildState {
  phase: "loading" | "bundling" | "ready" | "error";
  error?: string;
  /** Last change → both frames rendered, of the last good build. */
  rebuildMs?: number;
  bundleMs?: number;
}

/** The Preview tab's content. */
export function PreviewPane(props: PreviewPaneProps): JSX.Element {
  const { files, model, active } = props;
  const base = props.assetBase ?? document.baseURI;
  const [runtime, setRuntime] = useState<Runtime | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const [state, setState] = useState<BuildState>({ phase: "loading" });
  const [generation, setGeneration] = useState<Generation | undefined>(
    undefined,
  );
  const backendRef = useRef<
    { signature: string; backend: MockBackend } | undefined
  >(undefined);
  const [, refresh] = useReducer((n: number) => n + 1, 0);
  const changedAt = useRef(performance.now());
  const counter = useRef(0);
  const hasEntities = model.entities.some((e) => e.operations.list);

  useEffect(() => {
    changedAt.current = performance.now();
  }, [files]);

  useEffect(() => {
    if (!active || runtime) return;
    loadRuntime(base).then(
      setRuntime,
      (error) =>
        setLoadError(`The preview could not load: ${error?.message ?? error}`),
    );
  }, [active, runtime, base]);

  const backend = useMemo(() => {
    if (!runtime || !hasEntities) return undefined;
    const signature = JSON.stringify(model);
    if (backendRef.current?.signature !== signature) {
      backendRef.current = { signature, backend: runtime.createBackend(model) };
    }
    return backendRef.current.backend;
  }, [runtime, model, hasEntities]);

  useEffect(() => backend?.subscribe(refresh), [backend]);

  useEffect(() => {
    if (!active || !runtime || !backend) return;
    let cancelled = false;
    const timer = setTimeout(async () => {
      setState((s) => ({ ...s, phase: "bundling" }));
      const result = await runtime.bundleFiles(files, base);
      if (cancelled) {
        if (result.ok) URL.revokeObjectURL(result.url);
        return;
      }
      if (!result.ok) {
        setState((s) => ({ ...s, phase: "error", error: result.error }));
        return;
      }
      const id = ++counter.current;
      let pending = 2;
      const started = changedAt.current;
      const hosts = (["A", "B"] as const).map((client) => {
        const host: PreviewHost = {
          client,
          bundleUrl: result.url,
          model,
          baseUrl: MOCK_ORIGIN,
          broadcastUrl: `${MOCK_ORIGIN.replace(/^https/, "wss")}/ws/broadcast`,
          fetch: backend.fetch,
          WebSocket: backend.sockets.WebSocket,
          onReady: () => {
            if (--pending !== 0) return;
            setState({
              phase: "ready",
              rebuildMs: performance.now() - started,
              bundleMs: result.ms,
            });
          },
          onError: (error) => {
            setState((s) => ({
              ...s,
              phase: "error",
              error: `The preview failed to start: ${describe(error)}`,
            }));
          },
        };
        return runtime.registerHost(host);
      });
      setGeneration((previous) => {
        previous?.release();
        return {
          id,
          bundleUrl: result.url,
          docs: {
            a: runtime.frameDocument(hosts[0]!.key, base),
            b: runtime.frameDocument(hosts[1]!.key, base),
          },
          release: () => {
            hosts.forEach((h) => h.release());
            URL.revokeObjectURL(result.url);
          },
        };
      });
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [active, runtime, backend, files]);

  useEffect(() => () => generation?.release(), []);

  if (!hasEntities) {
    return (
      <div class="pv-pane" data-testid="preview">
        <div class="pv-message" role="status">
          <strong>Nothing to preview.</strong>{" "}
          This spec generates no entity with a list operation. Add a resource
          (for example <code>GET /items</code>{" "}
          answering with an array of objects that have an{" "}
          <code>id</code>) to see it live here.
        </div>
      </div>
    );
  }

  const status = loadError
    ? loadError
    : state.phase === "loading" || !generation
    ? "Loading the preview…"
    : state.phase === "bundling"
    ? "Rebuilding…"
    : state.rebuildMs !== undefined
    ? `Rebuilt in ${Math.round(state.rebuildMs)} ms`
    : "";

  return (
    <div class="pv-pane" data-testid="preview">
      <div class="pv-toolbar" role="toolbar" aria-label="Mock backend">
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
            onInput={(e) =>
              backend && (backend.latencyMs = Number(e.currentTarget.value))}
          />
          <output class="pv-value">{backend?.latencyMs ?? 0} ms</output>
        </label>
        <label class="pv-control">
          <span>Fail the next write</span>
          <select
            data-testid="preview-fail-next"
            value={backend?.failNext === undefined
              ? ""
              : String(backend.failNext)}
            onChange={(e) => {
              if (backend) {
                backend.failNext = e.currentTarget.value
                  ? Number(e.currentTarget.value)
                  : undefined;
              }
            }}
          >
            <option value="">off</option>
            {FAIL_STATUSES.map((s) => (
              <option key={s} value={String(s)}>{s}</option>
            ))}
          </select>
        </label>
        {backend?.failNext !== undefined && (
          <span class="pv-armed">armed: {backend.failNext}</span>
        )}
        <span
          class={`pv-status${
            state.phase === "error" || loadError ? " pv-status-error" : ""
          }`}
          data-testid="preview-rebuild-time"
          role="status"
        >
          {status}
        </span>
      </div>
      {state.phase === "error" && state.error && (
        <pre
          class="pv-build-error"
          data-testid="preview-build-error"
          role="alert"
        >
          {state.error}
          {generation ? "\n(showing the last preview that built)" : ""}
        </pre>
      )}
      <div class="pv-clients">
        {(["a", "b"] as const).map((side) => (
          <div class="pv-client" key={side}>
            <div class="pv-client-label">Client {side.toUpperCase()}</div>
            {generation
              ? (
                <iframe
                  key={`${side}-${generation.id}`}
                  class="pv-frame"
                  title={`Preview client ${side.toUpperCase()}`}
                  data-testid={`preview-client-${side}`}
                  srcdoc={generation.docs[side]}
                />
              )
              : (
                <div
                  class="pv-frame pv-placeholder"
                  data-testid={`preview-client-${side}`}
                >
                  Loading…
                </div>
              )}
          </div>
        ))}
      </div>
      {backend && <RequestLog backend={backend} />}
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
            <code>{entry.method}</code> <code>{entry.path}</code>{" "}
            <span>{entry.status}</span>
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
