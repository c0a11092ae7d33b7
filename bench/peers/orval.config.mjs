// orval with its React Query client on fetch, one file per tag for the hooks and one per schema for the types.
// `bench/speed/peers.ts` writes this file for each run with __SPEC__ and __OUT__ replaced and runs
// `orval --config <this file>`.
export default {
  bench: {
    input: { target: "__SPEC__" },
    output: {
      target: "__OUT__/api.ts",
      schemas: "__OUT__/model",
      mode: "split",
      client: "react-query",
      httpClient: "fetch",
      override: { query: { version: 5 } },
    },
  },
};
