/**
 * The spec editor: CodeMirror 6 with YAML or JSON (chosen by the text's first character), line numbers, folding,
 * search, and the generator's diagnostics as lint marks.
 *
 * Per keystroke it only tells {@link SpecEditorOptions.onChange} that the text changed (no `toString()` of the
 * document, no hashing): the page reads the text once the debounce fires.
 *
 * @module
 */
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { json } from "@codemirror/lang-json";
import { yaml } from "@codemirror/lang-yaml";
import { bracketMatching, foldGutter, foldKeymap, indentOnInput } from "@codemirror/language";
import { type Diagnostic as LintDiagnostic, lintGutter, setDiagnostics } from "@codemirror/lint";
import { highlightSelectionMatches, search, searchKeymap } from "@codemirror/search";
import { Annotation, Compartment, EditorState, type Text } from "@codemirror/state";
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import type { Diagnostic } from "../../mod.ts";
import { editorLook } from "./highlight.ts";
import { specLanguage } from "./language.ts";

/** What changed the text: typing, a paste or drop, or a new document set by the page. */
export type ChangeKind = "typing" | "paste";

/** Options of {@link createSpecEditor}. */
export interface SpecEditorOptions {
  parent: HTMLElement;
  /** The first text. */
  doc: string;
  /** Called on every change of the text (keep it cheap). */
  onChange: (kind: ChangeKind) => void;
  /** Called when a file is dropped on the editor. */
  onDropFile: (file: File) => void;
}

/** The editor and what the page does with it. */
export interface SpecEditor {
  view: EditorView;
  /** The whole text (costly for big specs: call it once per generation). */
  text(): string;
  /** Characters in the text (cheap). */
  length(): number;
  /** The text as UTF-8 bytes (to transfer to a worker without a structured-clone copy of a big string). */
  bytes(): Uint8Array<ArrayBuffer>;
  /** Replaces the whole text (no change callback). */
  setText(text: string): void;
  /** Shows the diagnostics at their line:column. */
  showDiagnostics(diagnostics: readonly Diagnostic[]): void;
  /** Moves the cursor to a line:column, scrolls it into the middle and focuses the editor. */
  jumpTo(line: number, column?: number): void;
}

/** Marks the page's own `setText` transactions, which must not start a typing-debounced generation. */
const setByPage = Annotation.define<boolean>();

function languageSupport(name: "json" | "yaml") {
  return name === "json" ? json() : yaml();
}

/** The place of a line:column in the document, clamped to it. */
function offsetOf(doc: Text, line: number, column = 1): number {
  const l = doc.line(Math.min(Math.max(1, line), doc.lines));
  return Math.min(l.from + Math.max(0, column - 1), l.to);
}

/**
 * Creates the editor in `parent`.
 *
 * @param options Where, the first text, and the callbacks.
 */
export function createSpecEditor(options: SpecEditorOptions): SpecEditor {
  const language = new Compartment();
  let languageName = specLanguage(options.doc.slice(0, 256));
  const view = new EditorView({
    parent: options.parent,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        lineNumbers(),
        foldGutter(),
        lintGutter(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        search({ top: true }),
        highlightSelectionMatches(),
        EditorState.tabSize.of(2),
        language.of(languageSupport(languageName)),
        keymap.of([
          ...closeBracketsKeymap,
          ...defaultKeymap,
          ...searchKeymap,
          ...historyKeymap,
          ...foldKeymap,
          indentWithTab,
        ]),
        editorLook,
        EditorView.contentAttributes.of({ "data-testid": "spec-editor", "aria-label": "OpenAPI spec" }),
        EditorView.domEventHandlers({
          drop(event) {
            const file = event.dataTransfer?.files[0];
            if (!file) return false;
            event.preventDefault();
            options.onDropFile(file);
            return true;
          },
        }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          const fromPage = update.transactions.every((tr) => tr.annotation(setByPage));
          if (fromPage) return;
          // the language can only change when the start of the text does
          let touchesStart = false;
          update.changes.iterChangedRanges((fromA) => touchesStart ||= fromA < 256);
          if (touchesStart) reconsiderLanguage();
          const pasted = update.transactions.some((tr) =>
            tr.isUserEvent("input.paste") || tr.isUserEvent("input.drop")
          );
          options.onChange(pasted ? "paste" : "typing");
        }),
      ],
    }),
  });

  function reconsiderLanguage() {
    const next = specLanguage(view.state.doc.sliceString(0, 256));
    if (next === languageName) return;
    languageName = next;
    // outside the current update cycle: CodeMirror refuses a dispatch while it is updating
    queueMicrotask(() => view.dispatch({ effects: language.reconfigure(languageSupport(next)) }));
  }

  return {
    view,
    text: () => view.state.doc.toString(),
    length: () => view.state.doc.length,
    bytes: () => new TextEncoder().encode(view.state.doc.toString()),
    setText(text) {
      languageName = specLanguage(text.slice(0, 256));
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: text },
        selection: { anchor: 0 },
        effects: [language.reconfigure(languageSupport(languageName)), EditorView.scrollIntoView(0)],
        annotations: setByPage.of(true),
      });
    },
    showDiagnostics(diagnostics) {
      const doc = view.state.doc;
      const marks: LintDiagnostic[] = [];
      for (const d of diagnostics) {
        if (d.line === undefined) continue;
        const from = offsetOf(doc, d.line, d.column);
        const lineEnd = doc.lineAt(from).to;
        // underline the word at the place (a key or a value), else the rest of the line
        const word = /^[^\s:,]+/.exec(doc.sliceString(from, Math.min(lineEnd, from + 200)));
        marks.push({
          from,
          to: word ? from + word[0].length : lineEnd,
          severity: d.severity,
          message: d.message,
          source: d.code,
        });
      }
      view.dispatch(setDiagnostics(view.state, marks));
    },
    jumpTo(line, column) {
      const at = offsetOf(view.state.doc, line, column);
      view.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: "center" }) });
      view.focus();
    },
  };
}
