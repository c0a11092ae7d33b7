/**
 * The playground page: paste an OpenAPI spec, see its generated data layer, its model and what each edit changed.
 *
 * @module
 */
import { render } from "preact";
import { App } from "./app.tsx";

const root = document.getElementById("app");
if (root) render(<App />, root);
