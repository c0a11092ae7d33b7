/** Given/want tables for the model's heuristics: path segments and operation-id cleaning. */
import assert from "node:assert/strict";
import { cleanOperationId, pathSegments } from "./paths.ts";

Deno.test("pathSegments: literals and parameters, without a version prefix", () => {
  const table: [string, string[]][] = [
    ["/orders", ["orders"]],
    ["/orders/{order_id}", ["orders", "{order_id}"]],
    ["/api/v1/orders", ["orders"]],
    ["/api/v2.1/orders/{id}/items", ["orders", "{id}", "items"]],
    ["/rest/version2/customers", ["customers"]],
    ["/v1", ["v1"]],
    ["/api", ["api"]],
    ["/orders/{order_id}/cancel", ["orders", "{order_id}", "cancel"]],
    ["//orders//", ["orders"]],
  ];
  for (const [path, want] of table) {
    const got = pathSegments(path).map((s) => ("literal" in s ? s.literal : `{${s.param}}`));
    assert.deepEqual(got, want, path);
  }
});

Deno.test("cleanOperationId: FastAPI's path-and-method suffix comes off, nothing else", () => {
  const table: [string, string, string, string][] = [
    ["list_orders_api_v1_orders_get", "/api/v1/orders", "get", "list_orders"],
    ["get_order_orders__order_id__get", "/orders/{order_id}", "get", "get_order"],
    ["update_field_api_v1_fields__field_id__patch", "/api/v1/fields/{field_id}", "patch", "update_field"],
    ["create_thing_api_things_post", "/elsewhere", "post", "create_thing"],
    ["listOrders", "/orders", "get", "listOrders"],
    ["orders_get", "/orders", "get", "orders_get"],
  ];
  for (const [id, path, method, want] of table) assert.equal(cleanOperationId(id, path, method), want, id);
});

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
