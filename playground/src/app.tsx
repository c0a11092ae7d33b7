/**
 * The playground: spec editor | output (file tree + code or diff) | model (graph, entities, diagnostics).
 *
 * The spec lives in the editor, not in Preact state, so a keystroke re-renders nothing: it only (re)starts the
 * debounce. The worker generates and marks changes; the page renders the reply.
 *
 * @module
 */
import type { JSX } from "preact";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { SyncMode } from "../../mod.ts";
import { type ClientReply, GeneratorClient } from "./client.ts";
import { type ChangeKind, createSpecEditor, type SpecEditor } from "./editor.ts";
import { EXAMPLES } from "./examples.ts";
import { GraphView } from "./graph/GraphView.tsx";
import { PreviewPane } from "./preview/PreviewPane.tsx";
import { fetchSpec, readSpecFile } from "./load.ts";
import type { GenerateFailure } from "./protocol.ts";
import type { SelfCheckResult } from "./selfcheck.ts";
import { forgetSession, loadSession, saveSession } from "./session.ts";
import { decodeShareHash, encodeShareHash, isShareHash } from "./share.ts";
import { entityFiles } from "./tree.ts";
import { downloadZip } from "./zip.ts";
import { DiagnosticsList } from "./ui/DiagnosticsList.tsx";
import { EntitiesTable } from "./ui/EntitiesTable.tsx";
import { Header } from "./ui/Header.tsx";
import { type OutputMode, OutputPane } from "./ui/OutputPane.tsx";
import { Splitter } from "./ui/Splitter.tsx";
import { StatusBar } from "./ui/StatusBar.tsx";
import { Tabs, type TabSpec } from "./ui/Tabs.tsx";

/** Milliseconds of quiet typing before a generation (a paste or a new document generates at once). */
const DEBOUNCE_MS = 150;
/**
 * Specs longer than this (characters) go to the worker as transferred UTF-8 bytes, after a longer pause in typing
 * ({@link BIG_SPEC_DEBOUNCE_MS}), and are not remembered across reloads: reading out and sending 13 MB costs the
 * main thread about 100 ms, fine once per pause, not on every other keystroke.
 */
const BIG_SPEC = 1_000_000;
const BIG_SPEC_DEBOUNCE_MS = 800;
/** Milliseconds after a generation before the esbuild self-check runs. */
const SELF_CHECK_DELAY_MS = 600;

type ModelTab = "graph" | "entities" | "diagnostics" | "preview";
type Generated = Extract<ClientReply, { ok: true }>;

interface Notice {
  kind: "error" | "info";
  text: string;
}

/** Where the first spec comes from: share link, `?url=`, the last session, or the default example. */
interface StartingPoint {
  spec: string;
  syncMode: SyncMode;
  example?: string;
  notice?: Notice;
}

async function fetchExample(id: string): Promise<string> {
  const example = EXAMPLES.find((e) => e.id === id) ?? EXAMPLES[0];
  return await fetchSpec(example.file);
}

async function startingPoint(): Promise<StartingPoint> {
  let notice: Notice | undefined;
  if (isShareHash(location.hash)) {
    try {
      return { ...(await decodeShareHash(location.hash)) };
    } catch (error) {
      notice = { kind: "error", text: (error as Error).message };
    }
  }
  const url = new URLSearchParams(location.search).get("url");
  if (url) {
    try {
      return { spec: await fetchSpec(url), syncMode: "optimistic", notice: { kind: "info", text: `Loaded ${url}` } };
    } catch (error) {
      notice = { kind: "error", text: (error as Error).message };
    }
  }
  const session = loadSession();
  if (session) return { ...session, notice };
  return { spec: await fetchExample(EXAMPLES[0].id), syncMode: "optimistic", example: EXAMPLES[0].id, notice };
}

/**
 * Takes `?url=` and a share hash off the address once the user changes the spec, so that a reload brings back the
 * session (the edited spec) rather than the original link.
 */
function dropAddressSource(): void {
  if (location.search || isShareHash(location.hash)) history.replaceState(null, "", location.pathname);
}

/** The page. */
export function App(): JSX.Element {
  const editorHost = useRef<HTMLDivElement>(null);
  const editor = useRef<SpecEditor | null>(null);
  const client = useRef<GeneratorClient | null>(null);
  const debounce = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const syncModeRef = useRef<SyncMode>("optimistic");
  const exampleRef = useRef<string | undefined>(undefined);
  /** The text of the latest request, when small enough to remember (see {@link BIG_SPEC}). */
  const lastSpec = useRef<string | undefined>(undefined);
  const selfCheckRun = useRef(0);
  const bigSpecNoticed = useRef(false);

  const [syncMode, setSyncMode] = useState<SyncMode>("optimistic");
  const [example, setExample] = useState<string | undefined>(undefined);
  const [result, setResult] = useState<Generated | undefined>(undefined);
  const [failure, setFailure] = useState<GenerateFailure | undefined>(undefined);
  const [pending, setPending] = useState(true);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [mode, setMode] = useState<OutputMode>("code");
  const [tab, setTab] = useState<ModelTab>("graph");
  // the preview is mounted from its first visit on (then only hidden), so its two clients live across tab switches
  const [previewOpened, setPreviewOpened] = useState(false);
  const selectTab = (next: ModelTab) => {
    if (next === "preview" && !previewOpened) {
      setPreviewOpened(true);
      // two clients side by side want room: the first visit gives the model pane at least half the page
      setSplit((s) => s.right > 50 ? { left: Math.min(s.left, 25), right: 50 } : s);
    }
    setTab(next);
  };
  const [notice, setNotice] = useState<Notice | undefined>(undefined);
  const [focus, setFocus] = useState<ReadonlySet<string>>(new Set());
  const [selfCheck, setSelfCheck] = useState<SelfCheckResult | "running" | undefined>(undefined);
  const [split, setSplit] = useState(() => innerWidth < 1200 ? { left: 28, right: 70 } : { left: 31, right: 66 });

  /** Sends the editor's text to the worker now. */
  const generateNow = (resetBaseline = false) => {
    clearTimeout(debounce.current);
    const ed = editor.current;
    if (!ed || !client.current) return;
    if (ed.length() > BIG_SPEC) {
      lastSpec.current = undefined;
      client.current.request(ed.bytes(), syncModeRef.current, resetBaseline);
    } else {
      lastSpec.current = ed.text();
      client.current.request(lastSpec.current, syncModeRef.current, resetBaseline);
    }
    setPending(true);
  };

  const onEditorChange = (kind: ChangeKind) => {
    clearTimeout(debounce.current);
    if (location.search || location.hash) dropAddressSource();
    if (kind === "paste") generateNow();
    else {
      const wait = (editor.current?.length() ?? 0) > BIG_SPEC ? BIG_SPEC_DEBOUNCE_MS : DEBOUNCE_MS;
      debounce.current = setTimeout(() => generateNow(), wait);
    }
    if (exampleRef.current !== undefined) {
      exampleRef.current = undefined;
      setExample(undefined);
    }
  };

  const loadText = (spec: string, options: { example?: string; syncMode?: SyncMode } = {}) => {
    exampleRef.current = options.example;
    setExample(options.example);
    if (options.syncMode) {
      syncModeRef.current = options.syncMode;
      setSyncMode(options.syncMode);
    }
    editor.current?.setText(spec);
    setFocus(new Set());
    generateNow(true);
  };

  const onReply = (reply: ClientReply) => {
    setPending(false);
    if (!reply.ok) {
      setFailure(reply);
      editor.current?.showDiagnostics([reply.diagnostic]);
      return;
    }
    setFailure(undefined);
    setResult(reply);
    editor.current?.showDiagnostics(reply.diagnostics);
    setSelected((current) => {
      if (current && (Object.hasOwn(reply.files, current) || reply.changes.marks[current] === "removed")) {
        return current;
      }
      const changed = Object.keys(reply.changes.marks).find((p) => reply.changes.marks[p] !== "same");
      return changed ?? (Object.hasOwn(reply.files, "index.ts") ? "index.ts" : Object.keys(reply.files)[0]);
    });
    const spec = lastSpec.current;
    setTimeout(() => {
      if (spec !== undefined && saveSession({ spec, syncMode: syncModeRef.current, example: exampleRef.current })) {
        return;
      }
      forgetSession(); // else a reload would bring back an older spec
      if (!bigSpecNoticed.current) {
        bigSpecNoticed.current = true;
        setNotice({ kind: "info", text: "This spec is too big to be remembered across reloads" });
      }
    }, 0);
    scheduleSelfCheck(reply.files);
  };

  const scheduleSelfCheck = (files: Record<string, string>) => {
    const run = ++selfCheckRun.current;
    setSelfCheck("running"); // from now: the shown result is of an older output
    setTimeout(async () => {
      if (run !== selfCheckRun.current) return;
      try {
        const { selfCheck: check } = await import("./selfcheck.ts");
        const found = await check(files, new URL("esbuild.wasm", document.baseURI).href);
        if (run === selfCheckRun.current) setSelfCheck(found);
      } catch (error) {
        if (run === selfCheckRun.current) {
          setSelfCheck({ files: 0, problems: [], bundleError: (error as Error).message, ms: 0 });
        }
      }
    }, SELF_CHECK_DELAY_MS);
  };

  useEffect(() => {
    if (!editorHost.current) return;
    editor.current = createSpecEditor({
      parent: editorHost.current,
      doc: "",
      onChange: onEditorChange,
      onDropFile: (file) => void openFile(file),
    });
    client.current = new GeneratorClient(new URL("worker.js", document.baseURI), onReply);
    (async () => {
      try {
        const start = await startingPoint();
        if (start.notice) setNotice(start.notice);
        loadText(start.spec, { example: start.example, syncMode: start.syncMode });
      } catch (error) {
        setPending(false);
        setNotice({ kind: "error", text: (error as Error).message });
      }
    })();
    const onHashChange = async () => {
      if (!isShareHash(location.hash)) return;
      try {
        const shared = await decodeShareHash(location.hash);
        loadText(shared.spec, { syncMode: shared.syncMode });
      } catch (error) {
        setNotice({ kind: "error", text: (error as Error).message });
      }
    };
    addEventListener("hashchange", onHashChange);
    return () => removeEventListener("hashchange", onHashChange);
  }, []);

  const openFile = async (file: File) => {
    dropAddressSource();
    try {
      loadText(await readSpecFile(file));
      setNotice({ kind: "info", text: `Opened ${file.name}` });
    } catch (error) {
      setNotice({ kind: "error", text: `Could not read ${file.name}: ${(error as Error).message}` });
    }
  };

  const pickExample = async (id: string) => {
    dropAddressSource();
    try {
      loadText(await fetchExample(id), { example: id });
      setNotice(undefined);
    } catch (error) {
      setNotice({ kind: "error", text: (error as Error).message });
    }
  };

  const changeSyncMode = (next: SyncMode) => {
    dropAddressSource();
    syncModeRef.current = next;
    setSyncMode(next);
    generateNow();
  };

  const share = async () => {
    if (!editor.current) return;
    const hash = await encodeShareHash({ spec: editor.current.text(), syncMode: syncModeRef.current });
    history.replaceState(null, "", location.pathname + hash);
    try {
      await navigator.clipboard.writeText(location.href);
      setNotice({ kind: "info", text: "Link copied: it holds the spec and the options" });
    } catch {
      setNotice({ kind: "info", text: "The link is in the address bar: it holds the spec and the options" });
    }
  };

  const selectEntity = (name: string) => {
    const entity = result?.model.entities.find((e) => e.name === name);
    if (!entity || !result) return;
    const files = entityFiles(entity.names, Object.keys(result.files));
    setFocus(new Set(files));
    const main = files.find((p) => p.startsWith("entities/")) ?? files[0];
    if (main) {
      setSelected(main);
      setMode("code");
    }
  };

  const copyFile = async () => {
    if (!result || !selected || !Object.hasOwn(result.files, selected)) return;
    try {
      await navigator.clipboard.writeText(result.files[selected]);
      setNotice({ kind: "info", text: `Copied ${selected}` });
    } catch {
      setNotice({ kind: "error", text: "The browser did not allow copying to the clipboard" });
    }
  };

  const diagnostics = failure ? [failure.diagnostic] : result?.diagnostics ?? [];
  const problems = selfCheck && selfCheck !== "running" ? selfCheck.problems : [];
  const problemCount = diagnostics.length + problems.length;
  const modelTabs: TabSpec<ModelTab>[] = useMemo(() => [
    { id: "graph", label: "Graph" },
    { id: "entities", label: <>Entities {result && <span class="count">{result.model.entities.length}</span>}</> },
    {
      id: "diagnostics",
      label: (
        <>
          Diagnostics{" "}
          {problemCount > 0 && (
            <span class={`count ${failure || problems.length ? "count-error" : "count-warn"}`}>{problemCount}</span>
          )}
        </>
      ),
    },
    { id: "preview", label: "Preview" },
  ], [result, problemCount, failure, problems.length]);

  return (
    <div class="app">
      <Header
        example={example}
        syncMode={syncMode}
        canDownload={result !== undefined}
        onPickExample={(id) => void pickExample(id)}
        onSyncMode={changeSyncMode}
        onOpenFile={(file) => void openFile(file)}
        onShare={() => void share()}
        onDownload={() => result && downloadZip(result.files, result.model.title)}
      />

      {notice && (
        <div
          class={`notice notice-${notice.kind}`}
          data-testid="notice"
          role={notice.kind === "error" ? "alert" : "status"}
        >
          <span>{notice.text}</span>
          <button type="button" class="btn-icon" aria-label="Dismiss" onClick={() => setNotice(undefined)}>×</button>
        </div>
      )}

      <main
        class="panes"
        style={{ gridTemplateColumns: `${split.left}fr 5px ${split.right - split.left}fr 5px ${100 - split.right}fr` }}
      >
        <section class="pane pane-editor" aria-label="Spec">
          <div class="pane-head">
            <h2>Spec</h2>
            <span class="muted small">YAML or JSON · paste, type, or drop a file</span>
          </div>
          <div class="editor-host" ref={editorHost} />
        </section>
        <Splitter
          label="Resize spec and output"
          value={split.left}
          min={18}
          max={split.right - 18}
          onChange={(left) => setSplit((s) => ({ ...s, left }))}
        />
        <OutputPane
          result={result}
          failure={failure}
          selected={selected}
          mode={mode}
          focus={focus}
          onSelect={setSelected}
          onMode={setMode}
          onCopy={() => void copyFile()}
        />
        <Splitter
          label="Resize output and model"
          value={split.right}
          min={split.left + 18}
          max={84}
          onChange={(right) => setSplit((s) => ({ ...s, right }))}
        />
        <section class="pane pane-model" aria-label="Model">
          <div class="pane-head pane-head-tabs">
            <Tabs label="Model" tabs={modelTabs} selected={tab} onSelect={selectTab} idPrefix="model" />
          </div>
          <div class="model-body" id="model-panel" role="tabpanel" aria-labelledby={`model-tab-${tab}`}>
            {tab === "graph" && result && (
              <div class="graph-host">
                <GraphView model={result.model} graph={result.graph} onSelectEntity={selectEntity} />
              </div>
            )}
            {tab === "entities" && result && <EntitiesTable model={result.model} onSelectEntity={selectEntity} />}
            {previewOpened && result && (
              <div class="preview-host" hidden={tab !== "preview"}>
                <PreviewPane files={result.files} model={result.model} active={tab === "preview"} />
              </div>
            )}
            {tab === "diagnostics" && (
              <DiagnosticsList
                diagnostics={diagnostics}
                outputProblems={problems}
                onJump={(line, column) => editor.current?.jumpTo(line, column)}
                onOpenFile={(path) => {
                  setSelected(path);
                  setMode("code");
                }}
              />
            )}
          </div>
        </section>
      </main>

      <StatusBar pending={pending} result={result} selfCheck={selfCheck} />
    </div>
  );
}
