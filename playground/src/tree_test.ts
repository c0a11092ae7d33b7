import assert from "node:assert/strict";
import { buildTree, entityFiles, type TreeNode } from "./tree.ts";

function outline(nodes: TreeNode[], indent = ""): string[] {
  return nodes.flatMap((n) =>
    n.kind === "folder" ? [`${indent}${n.name}/`, ...outline(n.children, indent + "  ")] : [`${indent}${n.name}`]
  );
}

Deno.test("buildTree: folders first, sorted, nested", () => {
  const tree = buildTree(["index.ts", "schemas/b.ts", "schemas/a.ts", "client/api.ts", "a/b/c.ts"]);
  assert.deepEqual(outline(tree), [
    "a/",
    "  b/",
    "    c.ts",
    "client/",
    "  api.ts",
    "schemas/",
    "  a.ts",
    "  b.ts",
    "index.ts",
  ]);
});

Deno.test("entityFiles: the schema, collection and entity modules of an entity", () => {
  const paths = [
    "schemas/order-item.schema.ts",
    "collections/order-items.ts",
    "entities/order-items.ts",
    "entities/orders.ts",
    "index.ts",
  ];
  assert.deepEqual(entityFiles({ fileSingular: "order-item", filePlural: "order-items" }, paths), [
    "schemas/order-item.schema.ts",
    "collections/order-items.ts",
    "entities/order-items.ts",
  ]);
});
