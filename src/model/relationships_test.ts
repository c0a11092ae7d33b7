/** Given/want tables for the model's heuristics: foreign-key suffixes. */
import assert from "node:assert/strict";
import { foreignKeyStem } from "./relationships.ts";

Deno.test("foreignKeyStem: the id and code suffixes that make a field a foreign key", () => {
  const table: [string, string | undefined][] = [
    ["customer_id", "customer"],
    ["owner_user_id", "owner_user"],
    ["customerId", "customer"],
    ["customerID", "customer"],
    ["parentTaskId", "parentTask"],
    ["order_uuid", "order"],
    ["orderUuid", "order"],
    ["plan_code", "plan"],
    ["currencyCode", "currency"],
    ["code", undefined],
    ["id", undefined],
    ["_id", undefined],
    ["identity", undefined],
    ["paid", undefined],
    ["customer", undefined],
  ];
  for (const [name, want] of table) assert.equal(foreignKeyStem(name), want, name);
});
