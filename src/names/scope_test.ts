import assert from "node:assert/strict";
import { FIXED_NAMES } from "./reserved.ts";
import { NameScope } from "./scope.ts";

Deno.test("NameScope.claim() adds the smallest free numeric tail for all suffixes at once", () => {
  const names = new NameScope(["ApiError", "OrderSchema"]);
  assert.equal(names.claim("ApiError", ["", "Schema"]), "ApiError2");
  assert.equal(names.claim("Order", ["", "Schema"]), "Order2");
  assert.equal(names.claim("Customer", ["", "Schema"]), "Customer");
  assert.equal(names.claim("Customer"), "Customer2");
  assert.equal(names.has("Customer2"), true);
});

Deno.test("NameScope.fork() copies without sharing", () => {
  const names = new NameScope(["a"]);
  const local = names.fork();
  assert.equal(local.claim("b"), "b");
  assert.equal(names.has("b"), false);
  assert.equal(local.claim("a"), "a2");
});

Deno.test("NameScope: case-insensitive scopes and separators, for names that become file names", () => {
  const files = new NameScope(["index"], { ignoreCase: true, separator: "-" });
  assert.equal(files.claim("Index"), "Index-2");
  assert.equal(files.claim("orders"), "orders");
  assert.equal(files.claim("Orders"), "Orders-2");
  assert.equal(files.reserve("ORDERS"), false);
  assert.equal(files.fork().claim("orders-2"), "orders-2-2");
});

Deno.test("FIXED_NAMES reserves the client's names and the globals it calls", () => {
  for (const name of ["z", "schemas", "ApiError", "request", "encodeURIComponent", "String", "Reflect"]) {
    assert.ok(FIXED_NAMES.includes(name), name);
  }
});

Deno.test("NameScope hands out unique names, case-insensitively", () => {
  const r = new NameScope([], { ignoreCase: true });
  assert.equal(r.claim("Order"), "Order");
  assert.equal(r.claim("order"), "order2");
  assert.equal(r.reserve("Customer"), true);
  assert.equal(r.reserve("customer"), false);
  assert.equal(r.claim("Customer"), "Customer2");
});
