/**
 * The bundled examples. `playground/build.ts` copies their files into `dist/examples/` (the sales spec from
 * `examples/sales/openapi.yaml`, the others from `playground/examples/`).
 *
 * @module
 */

/** One example spec. */
export interface Example {
  id: string;
  title: string;
  /** Relative to the page. */
  file: string;
}

/** The examples, the default first. */
export const EXAMPLES: readonly Example[] = [
  { id: "sales", title: "Sales: customers, products, orders", file: "examples/sales.yaml" },
  { id: "projects", title: "Projects: nested tasks, subtasks", file: "examples/projects.yaml" },
  { id: "extensions", title: "Library: x- extensions", file: "examples/extensions.yaml" },
];
