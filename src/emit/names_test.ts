import assert from "node:assert/strict";
import { FIXED_NAMES, NameAllocator } from "./names.ts";

Deno.test("NameAllocator.take() adds the smallest free numeric tail for all suffixes at once", () => {
  const names = new NameAllocator(["ApiError", "OrderSchema"]);
  assert.equal(names.take("ApiError", ["", "Schema"]), "ApiError2");
  assert.equal(names.take("Order", ["", "Schema"]), "Order2");
  assert.equal(names.take("Customer", ["", "Schema"]), "Customer");
  assert.equal(names.take("Customer"), "Customer2");
  assert.equal(names.has("Customer2"), true);
});

Deno.test("NameAllocator.fork() copies without sharing", () => {
  const names = new NameAllocator(["a"]);
  const local = names.fork();
  assert.equal(local.take("b"), "b");
  assert.equal(names.has("b"), false);
  assert.equal(local.take("a"), "a2");
});

Deno.test("FIXED_NAMES reserves the client's names and the globals it calls", () => {
  for (const name of ["z", "schemas", "ApiError", "request", "encodeURIComponent", "String", "Reflect"]) {
    assert.ok(FIXED_NAMES.includes(name), name);
  }
});
