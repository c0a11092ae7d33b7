/**
 * The selected generated file, read-only, with TypeScript highlighting (CodeMirror), line numbers, folding and
 * search. One editor is kept and its state replaced when the file or its text changes.
 *
 * @module
 */
import { javascript } from "@codemirror/lang-javascript";
import { foldGutter, foldKeymap } from "@codemirror/language";
import { highlightSelectionMatches, search, searchKeymap } from "@codemirror/search";
import { EditorState } from "@codemirror/state";
import { EditorView, keymap, lineNumbers } from "@codemirror/view";
import type { JSX } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { editorLook } from "../highlight.ts";

function stateFor(text: string): EditorState {
  return EditorState.create({
    doc: text,
    extensions: [
      lineNumbers(),
      foldGutter(),
      search({ top: true }),
      highlightSelectionMatches(),
      keymap.of([...searchKeymap, ...foldKeymap]),
      javascript({ typescript: true }),
      EditorState.readOnly.of(true),
      editorLook,
      EditorView.contentAttributes.of({ "aria-label": "Generated file (read-only)" }),
    ],
  });
}

/** Shows `text` (a TypeScript file). */
export function CodeView(props: { path: string; text: string }): JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const shown = useRef<{ path: string; text: string } | null>(null);

  useEffect(() => {
    if (!host.current) return;
    view.current = new EditorView({ parent: host.current, state: stateFor(props.text) });
    shown.current = { path: props.path, text: props.text };
    return () => view.current?.destroy();
  }, []);

  useEffect(() => {
    const v = view.current;
    const before = shown.current;
    if (!v || (before?.path === props.path && before.text === props.text)) return;
    if (before?.path === props.path) {
      // the same file regenerated: keep the scroll position
      const top = v.scrollDOM.scrollTop;
      v.setState(stateFor(props.text));
      v.scrollDOM.scrollTop = top;
    } else v.setState(stateFor(props.text));
    shown.current = { path: props.path, text: props.text };
  }, [props.path, props.text]);

  return <div class="code-view" data-testid="code-view" data-path={props.path} ref={host} />;
}
