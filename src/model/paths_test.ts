import assert from "node:assert/strict";
import { pathSegments } from "./paths.ts";

Deno.test("pathSegments: version prefixes and inner version segments go, a format suffix is no part of a name", () => {
  const show = (path: string) => pathSegments(path).map((s) => ("param" in s ? `{${s.param}}` : s.literal)).join("/");
  const cases: { given: string; want: string }[] = [
    { given: "/api/v1/orders/{id}", want: "orders/{id}" },
    { given: "/categories/v2/{categoryUuid}", want: "categories/{categoryUuid}" },
    { given: "/organizations/{o}/products/v2/{productUuid}", want: "organizations/{o}/products/{productUuid}" },
    { given: "/v1/shop/script_tags/{scriptTagId}.json", want: "shop/script_tags/{scriptTagId}" },
    { given: "/script_tags.json", want: "script_tags" },
    { given: "/v2", want: "v2" },
    { given: "/files/{name}", want: "files/{name}" },
  ];
  for (const { given, want } of cases) assert.equal(show(given), want, given);
});
