// kubb with what a TanStack Query setup needs: the OpenAPI plugin, the types, the client and the React Query hooks.
// `bench/speed/peers.ts` writes this file for each run with __SPEC__ and __OUT__ replaced (next to the installed
// peers, so that its imports resolve) and runs `kubb generate --config <this file>`.
import { defineConfig } from "@kubb/core";
import { pluginOas } from "@kubb/plugin-oas";
import { pluginTs } from "@kubb/plugin-ts";
import { pluginClient } from "@kubb/plugin-client";
import { pluginReactQuery } from "@kubb/plugin-react-query";

export default defineConfig({
  root: ".",
  input: { path: "__SPEC__" },
  output: { path: "__OUT__", clean: true },
  plugins: [pluginOas(), pluginTs(), pluginClient(), pluginReactQuery()],
});
