/**
 * The file tree: generated paths grouped by folder, folders first, for the output pane.
 *
 * @module
 */

/** A folder or a file of the tree. */
export type TreeNode =
  | { kind: "folder"; name: string; path: string; children: TreeNode[] }
  | { kind: "file"; name: string; path: string };

/**
 * Builds the tree of `/`-separated paths: folders before files, each sorted by name.
 *
 * @param paths Relative file paths.
 * @returns The top-level nodes.
 */
export function buildTree(paths: Iterable<string>): TreeNode[] {
  const root: TreeNode[] = [];
  const folders = new Map<string, TreeNode[]>([["", root]]);
  const folderOf = (path: string): TreeNode[] => {
    const existing = folders.get(path);
    if (existing) return existing;
    const cut = path.lastIndexOf("/");
    const parent = folderOf(cut < 0 ? "" : path.slice(0, cut));
    const children: TreeNode[] = [];
    parent.push({ kind: "folder", name: path.slice(cut + 1), path, children });
    folders.set(path, children);
    return children;
  };
  for (const path of paths) {
    const cut = path.lastIndexOf("/");
    folderOf(cut < 0 ? "" : path.slice(0, cut)).push({ kind: "file", name: path.slice(cut + 1), path });
  }
  const sort = (nodes: TreeNode[]) => {
    nodes.sort((a, b) =>
      a.kind === b.kind ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.kind === "folder" ? -1 : 1
    );
    for (const n of nodes) if (n.kind === "folder") sort(n.children);
  };
  sort(root);
  return root;
}

/**
 * The files an entity owns in the output (its schema, collection and entity modules), by the model's file names.
 *
 * @param names The entity's `names` (`fileSingular`, `filePlural`).
 * @param paths The generated paths.
 */
export function entityFiles(names: { fileSingular: string; filePlural: string }, paths: Iterable<string>): string[] {
  const wanted = new Set([
    `schemas/${names.fileSingular}.schema.ts`,
    `collections/${names.filePlural}.ts`,
    `entities/${names.filePlural}.ts`,
  ]);
  return [...paths].filter((p) => wanted.has(p));
}
