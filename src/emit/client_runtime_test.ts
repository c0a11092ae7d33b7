import assert from "node:assert/strict";
import { clientRuntime } from "./client_runtime.ts";

Deno.test("clientRuntime() includes request() and field() only when asked", () => {
  const base = clientRuntime({ request: false, field: false }).join("\n");
  assert.ok(base.includes("export interface ApiConfig {"));
  assert.ok(base.includes("export function configureApi(config: Partial<ApiConfig>): void {"));
  assert.ok(!base.includes("async function request("));
  const all = clientRuntime({ request: true, field: true }).join("\n");
  assert.ok(all.includes("async function request(spec: RequestSpec): Promise<unknown> {"));
  assert.ok(all.includes("function field(data: unknown, key: string): unknown {"));
  assert.ok(!all.includes("${"));
  assert.ok(!all.includes("\n\n\n"));
});
