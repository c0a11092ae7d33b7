import assert from "node:assert/strict";
import { abbreviateUrl, checkTarget, countRequests, normaliseUrl, totalRequests } from "./requests.ts";

Deno.test("requests: the query is sorted by name; repeated parameters keep their order", () => {
  assert.equal(normaliseUrl("/orders", "?offset=100&limit=100"), "/orders?limit=100&offset=100");
  assert.equal(normaliseUrl("/orders", "?id=b&status=x&id=a"), "/orders?id=b&id=a&status=x");
  assert.equal(normaliseUrl("/orders", ""), "/orders");
  assert.equal(normaliseUrl("/orders", "?"), "/orders");
  assert.equal(normaliseUrl("/q", "?name=a%20b"), "/q?name=a+b");
});

Deno.test("requests: counted per method and URL, the most requested first, then in order of arrival", () => {
  const counts = countRequests([
    { method: "GET", path: "/orders", search: "?limit=100&offset=0" },
    { method: "get", path: "/orders", search: "?offset=0&limit=100" },
    { method: "GET", path: "/orders/1", search: "" },
    { method: "DELETE", path: "/orders/1", search: "" },
  ]);
  assert.deepEqual(counts, [
    { method: "GET", url: "/orders?limit=100&offset=0", count: 2 },
    { method: "GET", url: "/orders/1", count: 1 },
    { method: "DELETE", url: "/orders/1", count: 1 },
  ]);
  assert.equal(totalRequests(counts), 4);
});

Deno.test("requests: targets are met or missed on the counts", () => {
  const one = countRequests([{ method: "GET", path: "/orders/1", search: "" }]);
  const burst = countRequests([
    { method: "GET", path: "/orders", search: "?customer_id=c1" },
    { method: "GET", path: "/orders", search: "?customer_id=c1" },
    { method: "GET", path: "/order-items", search: "" },
    { method: "GET", path: "/order-items", search: "?order_id=o1" },
  ]);
  const total = { kind: "total", max: 1, why: "updated event" } as const;
  assert.equal(checkTarget(total, one).met, true);
  assert.deepEqual(checkTarget(total, burst), {
    met: false,
    target: "≤ 1 request (updated event)",
    seen: "4 requests",
  });
  assert.equal(checkTarget({ kind: "once" }, one).met, true);
  assert.deepEqual(checkTarget({ kind: "once" }, burst), {
    met: false,
    target: "each URL at most once",
    seen: "1 URL fetched more than once (max 2×)",
  });
  const filtered = { kind: "filtered", path: "/order-items", filters: ["order_id", "id"] } as const;
  assert.equal(checkTarget(filtered, one).met, true);
  assert.equal(checkTarget(filtered, burst).seen, "1 unfiltered GET /order-items");
  assert.equal(checkTarget(filtered, burst).met, false);
});

Deno.test("requests: a long id set is abbreviated for the details list", () => {
  const ids = Array.from({ length: 50 }, (_, i) => `id=c${i}`).join("&");
  assert.equal(abbreviateUrl(`/customers?${ids}&limit=5`), "/customers?id=c0+49 more&limit=5");
  assert.equal(abbreviateUrl("/customers?id=a&id=b"), "/customers?id=a&id=b");
  assert.equal(abbreviateUrl("/customers"), "/customers");
});
