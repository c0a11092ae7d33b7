import assert from "node:assert/strict";
import { generate } from "../../../../mod.ts";
import { NESTED_SPEC } from "../test_specs.ts";
import {
  cellText,
  createFields,
  errorText,
  fieldErrors,
  filterFields,
  parseInput,
  rowActions,
  rowLabel,
  shortKey,
  tableColumns,
  updateFields,
} from "./fields.ts";

const SALES = await Deno.readTextFile(
  new URL("../../../../examples/sales/openapi.yaml", import.meta.url),
);
const sales = generate(SALES).model;
const entity = (name: string, model = sales) => model.entities.find((e) => e.name === name)!;

Deno.test("table columns: simple fields without the key and timestamps, editable ones kept first", () => {
  const orders = entity("orders");
  const five = tableColumns(sales, orders, 5).map((c) => c.name);
  assert.ok(
    !five.includes("id") && !five.includes("created_at") &&
      !five.includes("updated_at"),
  );
  assert.ok(
    five.includes("status") && five.includes("notes"),
    "the fields inline edit can change are shown",
  );
  assert.equal(five.length, 5);
  const two = tableColumns(sales, orders, 2).map((c) => c.name);
  assert.deepEqual(two, ["status", "notes"]);
  // in the item's order
  const order = orders.schemas.item.properties.map((p) => p.name);
  assert.deepEqual(
    [...five].sort((a, b) => order.indexOf(a) - order.indexOf(b)),
    five,
  );
});

Deno.test("create and update fields: references, enums, nullable text", () => {
  const fields = Object.fromEntries(
    createFields(sales, entity("orders")).map((f) => [f.name, f]),
  );
  assert.equal(fields.customer_id!.kind, "reference");
  assert.equal(fields.customer_id!.relation?.target, "customers");
  assert.equal(fields.customer_id!.required, true);
  assert.equal(fields.currency!.kind, "enum");
  assert.ok(fields.currency!.values.includes("EUR"));
  assert.equal(fields.notes!.kind, "text");
  assert.equal(fields.notes!.nullable, true);
  assert.deepEqual(updateFields(sales, entity("orders")).map((f) => f.name), [
    "status",
    "notes",
  ]);
});

Deno.test("filters: query filters that are fields; a nested list's parent is a required filter", () => {
  const orders = filterFields(sales, entity("orders"));
  assert.deepEqual(orders.map((f) => [f.name, f.kind, f.required]), [
    ["status", "enum", false],
    ["customer_id", "reference", false],
  ]);
  const nested = generate(NESTED_SPEC).model;
  const contacts = filterFields(nested, entity("contacts", nested));
  assert.deepEqual(contacts.map((f) => [f.name, f.kind, f.required]), [[
    "account_id",
    "reference",
    true,
  ]]);
});

Deno.test("form text becomes values of the field's type; empty text is left out or null", () => {
  const [status, notes] = updateFields(sales, entity("orders"));
  const [quantity] = createFields(sales, entity("order_items")).filter((f) => f.name === "quantity");
  assert.equal(parseInput(quantity!, "3"), 3);
  assert.equal(parseInput(status!, "shipped"), "shipped");
  assert.equal(parseInput(notes!, ""), undefined);
  assert.equal(parseInput({ ...notes!, required: true }, ""), null);
  const active = createFields(sales, entity("products")).find((f) => f.name === "active")!;
  assert.equal(parseInput(active, "false"), false);
});

Deno.test("errors by field: Zod issues and a 422 body", () => {
  assert.deepEqual(
    fieldErrors({
      issues: [
        {
          path: ["customer_id"],
          message: "Invalid input: expected string, received undefined",
        },
        { path: ["notes"], message: "Too big" },
      ],
    }),
    { customer_id: "Required", notes: "Too big" },
  );
  assert.deepEqual(
    fieldErrors({
      body: { detail: [{ loc: ["body", "email"], msg: "Field required" }] },
    }),
    {
      email: "Field required",
    },
  );
  assert.deepEqual(fieldErrors(new Error("network")), {});
  assert.equal(
    errorText({
      message: "updateOrder failed with status 500",
      body: { detail: "boom" },
    }),
    "updateOrder failed with status 500: boom",
  );
});

Deno.test("labels and cells", () => {
  assert.equal(rowLabel({ id: "x", name: "Ada" }, "id"), "Ada");
  assert.equal(
    rowLabel({ id: "0bb5d6da-1111-4111-8111-111111111111" }, "id"),
    "0bb5d6da",
  );
  assert.equal(rowLabel(undefined, "id"), "—");
  assert.equal(shortKey(42), "42");
  assert.equal(cellText(null), "—");
  assert.equal(cellText({ a: 1 }), '{"a":1}');
});

Deno.test("row actions: custom operations on the row's key that need no more input", () => {
  assert.deepEqual(rowActions(sales, entity("orders")), [
    { label: "cancel", hook: "useCancelOrder", path: [{ key: "orderId", field: "id" }] },
  ]);
  assert.deepEqual(rowActions(sales, entity("customers")), []);
});
