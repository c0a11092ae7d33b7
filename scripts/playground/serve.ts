/**
 * `deno task playground`: builds `playground/dist/` and serves it on 127.0.0.1 (a free port unless `PORT` is set).
 *
 * @module
 */
import { buildPlayground, describeBuild, distDir } from "./build.ts";
import { serveStatic } from "./static_server.ts";

const report = await buildPlayground({ log: console.log });
for (const line of describeBuild(report)) console.log(line);
const port = Number(Deno.env.get("PORT") ?? 0);
const server = serveStatic(distDir, { port });
console.log(`Playground: ${server.url}`);
await server.finished;
