/**
 * The generated files by folder, each marked added / changed / removed / same since the previous generation.
 *
 * @module
 */
import type { JSX } from "preact";
import { useMemo } from "preact/hooks";
import type { ChangeMark } from "../changes.ts";
import { buildTree, type TreeNode } from "../tree.ts";

/** Props of {@link FileTree}. */
export interface FileTreeProps {
  /** Every shown path (removed files included) → its mark. */
  marks: Record<string, ChangeMark>;
  selected: string | undefined;
  /** Paths to emphasise (the files of the entity chosen in the graph). */
  focus: ReadonlySet<string>;
  onSelect: (path: string) => void;
}

const MARK_LABEL: Record<ChangeMark, string> = { added: "A", changed: "M", removed: "D", same: "" };
const MARK_TITLE: Record<ChangeMark, string> = {
  added: "added",
  changed: "changed",
  removed: "removed",
  same: "unchanged",
};

/** The tree; arrow keys move between files. */
export function FileTree(props: FileTreeProps): JSX.Element {
  const tree = useMemo(() => buildTree(Object.keys(props.marks)), [props.marks]);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const items = [...(event.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>("button.tree-file")];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const next = items[Math.min(items.length - 1, Math.max(0, at + (event.key === "ArrowDown" ? 1 : -1)))];
    if (next) {
      event.preventDefault();
      next.focus();
      next.click();
    }
  };
  const render = (nodes: TreeNode[], depth: number): JSX.Element[] =>
    nodes.map((node) => {
      if (node.kind === "folder") {
        return (
          <li key={node.path} role="treeitem" aria-expanded="true">
            <div class="tree-folder" style={{ paddingLeft: `${8 + depth * 12}px` }}>
              <span class="folder-icon" aria-hidden="true">▾</span>
              {node.name}/
            </div>
            <ul role="group">{render(node.children, depth + 1)}</ul>
          </li>
        );
      }
      const mark = props.marks[node.path];
      return (
        <li key={node.path} role="none">
          <button
            type="button"
            role="treeitem"
            class={`tree-file mark-${mark}${props.selected === node.path ? " selected" : ""}${
              props.focus.has(node.path) ? " focused-entity" : ""
            }`}
            style={{ paddingLeft: `${20 + depth * 12}px` }}
            data-testid="file-tree-item"
            data-path={node.path}
            data-change={mark}
            aria-selected={props.selected === node.path}
            aria-label={`${node.path}, ${MARK_TITLE[mark]}`}
            tabIndex={props.selected === node.path ? 0 : -1}
            onClick={() => props.onSelect(node.path)}
          >
            <span class="file-name">{node.name}</span>
            {mark !== "same" && <span class={`mark mark-${mark}`} title={MARK_TITLE[mark]}>{MARK_LABEL[mark]}</span>}
          </button>
        </li>
      );
    });
  return (
    <ul class="file-tree" data-testid="file-tree" role="tree" aria-label="Generated files" onKeyDown={onKeyDown}>
      {render(tree, 0)}
    </ul>
  );
}
