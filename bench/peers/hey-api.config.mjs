// @hey-api/openapi-ts with its TanStack Query (React) plugin: types, an SDK on its fetch client, and the query
// options and mutations. `bench/speed/peers.ts` writes this file for each run with __SPEC__ and __OUT__ replaced and
// runs `openapi-ts -f <this file>`.
export default {
  input: "__SPEC__",
  output: "__OUT__",
  plugins: ["@hey-api/typescript", "@hey-api/client-fetch", "@hey-api/sdk", "@tanstack/react-query"],
};
