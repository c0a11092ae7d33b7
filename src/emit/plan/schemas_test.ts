import assert from "node:assert/strict";
import type { EntityModel, NamedSchema, Schema } from "../../model/types.ts";
import { entity, op, s } from "../../../tests/helpers/model_builders.ts";
import { salesModel } from "../../../tests/fixtures/sales_model.ts";
import { objectMode, planSchemas, refUses, typeName } from "./schemas.ts";

function model(partial: Partial<EntityModel>): EntityModel {
  return { title: "T", version: "1", openapi: "3.1.0", entities: [], schemas: [], operations: [], ...partial };
}

function named(name: string, schema: Schema, extra: Partial<NamedSchema> = {}): NamedSchema {
  return { name, sourceName: name, pointer: `#/components/schemas/${name}`, schema, ...extra };
}

Deno.test("planSchemas() places declarations in entity files and the shared file", () => {
  const plan = planSchemas(salesModel);
  assert.deepEqual(plan.files.map((f) => f.path), [
    "schemas/customer.schema.ts",
    "schemas/order.schema.ts",
    "schemas/category.schema.ts",
    "schemas/shared.schema.ts",
  ]);
  const where = (name: string) => plan.refs.get(name)?.file;
  assert.equal(where("OrderLine"), "schemas/order.schema.ts");
  assert.equal(where("Address"), "schemas/shared.schema.ts");
  assert.equal(where("Orphan"), "schemas/shared.schema.ts"); // owner names no entity
  const order = plan.files[1];
  assert.deepEqual(order.enums.map((e) => e.constName), ["OrderStatusSchema"]);
  assert.deepEqual(order.decls.map((d) => d.constName), [
    "OrderLineSchema",
    "TreeBSchema",
    "OrderSchema",
    "OrderCreateSchema",
    "OrderUpdateSchema",
  ]);
});

Deno.test("planSchemas() prints an entity's own named schema (entityRole) once, as the entity's", () => {
  const plan = planSchemas(salesModel);
  const category = plan.entities.get("categories")!;
  assert.equal(plan.refs.get("Category"), category.item);
  assert.equal(plan.refs.get("CategoryCreate"), category.create);
  assert.equal(category.item.constName, "CategorySchema");
  assert.ok(!plan.files.some((f) => f.decls.some((d) => d.key === "named:Category")));
  // A named schema that takes an entity's name without being its schema is renamed.
  assert.equal(plan.refs.get("CustomerCreate")?.typeName, "CustomerCreate2");
  // A named schema that takes a client name is renamed.
  assert.equal(plan.refs.get("ApiError")?.constName, "ApiError2Schema");
  assert.equal(category.listParams, "CategoryListParams");
  assert.equal(category.api, "categoriesApi");
});

Deno.test("planSchemas() shares an enum between views when name and values agree", () => {
  const plan = planSchemas(salesModel);
  const orders = plan.entities.get("orders")!;
  assert.equal(orders.item.enums.get("status"), orders.create?.enums.get("status"));
  const customers = plan.entities.get("customers")!;
  assert.equal(customers.item.enums.get("tier")?.typeName, "CustomerTier");

  const clash = planSchemas(model({
    entities: [
      entity("things", "thing", "Thing", {
        schemas: {
          item: s.object({ kind: [s.enum(["a", "b"]), true] }),
          create: s.object({ kind: [s.enum(["a", "c"]), true] }),
        },
      }),
    ],
    schemas: [named("ThingKind", s.string())],
  }));
  const thing = clash.entities.get("things")!;
  // The model's names win (it already keeps components off enum names); enums take what is left.
  assert.equal(clash.refs.get("ThingKind")?.typeName, "ThingKind");
  assert.equal(thing.item.enums.get("kind")?.typeName, "ThingKind2");
  assert.equal(thing.create?.enums.get("kind")?.typeName, "ThingKind3");
});

Deno.test("planSchemas() annotates only cycles through z.lazy", () => {
  const plan = planSchemas(salesModel);
  const annotated = (name: string) => plan.refs.get(name)?.annotated;
  assert.equal(annotated("Category"), false); // self through getters
  assert.equal(annotated("TreeA"), false); // mutual, across files, through getters
  assert.equal(annotated("TreeB"), false);
  assert.equal(annotated("Expr"), false); // eager ref to Bin, declared first
  assert.equal(annotated("Bin"), false);
  assert.equal(annotated("Json"), true); // eager self reference
  assert.equal(annotated("Node"), true); // eager ref across files in a cycle
  assert.equal(annotated("NodeList"), true);
  assert.equal(annotated("Tags"), false); // eager across files, no cycle
  const shared = plan.files.find((f) => f.path === "schemas/shared.schema.ts")!;
  const order = shared.decls.map((d) => d.typeName);
  assert.ok(order.indexOf("Bin") < order.indexOf("Expr"));
});

/** `count` named schemas in a ring through getters: `Ring0.next` is a `Ring1`, …, the last's is a `Ring0`. */
function ringSchemas(count: number): NamedSchema[] {
  return Array.from(
    { length: count },
    (_, i) => named(`Ring${i}`, s.object({ id: [s.string(), true], next: [s.ref(`Ring${(i + 1) % count}`)] })),
  );
}

Deno.test("planSchemas() annotates a long cycle through getters (TypeScript gives up on it: TS2589)", () => {
  const short = planSchemas(model({ schemas: ringSchemas(8) }));
  assert.ok([...short.refs.values()].every((d) => !d.annotated));
  const long = planSchemas(model({ schemas: [...ringSchemas(9), named("Outside", s.ref("Ring0"))] }));
  assert.ok([...long.refs.values()].filter((d) => d.typeName !== "Outside").every((d) => d.annotated));
  assert.equal(long.refs.get("Outside")?.annotated, false);
});

Deno.test("planSchemas() cuts a long chain of references every few declarations (TS2589 without a cycle)", () => {
  // Chain0.next is a Chain1, …, Chain19 has no ref: each declaration rests on those after it
  const chain = Array.from(
    { length: 20 },
    (_, i) =>
      named(`Chain${i}`, s.object({ id: [s.string(), true], ...(i < 19 ? { next: [s.ref(`Chain${i + 1}`)] } : {}) })),
  );
  const plan = planSchemas(model({ schemas: chain }));
  const annotated = chain.filter((c) => plan.refs.get(c.name)?.annotated).map((c) => c.name);
  assert.deepEqual(annotated, ["Chain1", "Chain10"]); // 8 getters below each: Chain11…Chain19, Chain2…Chain10
  // a getter inside an inline object inside a getter counts twice
  const nested = Array.from(
    { length: 6 },
    (_, i) => named(`Nest${i}`, s.object(i < 5 ? { inline: [s.object({ next: [s.ref(`Nest${i + 1}`)] })] } : {})),
  );
  const deep = planSchemas(model({ schemas: nested }));
  assert.deepEqual(nested.filter((c) => deep.refs.get(c.name)?.annotated).map((c) => c.name), ["Nest0"]);
});

Deno.test("planSchemas() drops null from entity rows, and keeps a nullable named item apart from them", () => {
  const item = s.object({ id: [s.int(), true], next: [s.ref("Kernel")] });
  const plan = planSchemas(model({
    entities: [entity("kernels", "kernel", "Kernel", { schemas: { item: { ...item, nullable: true } } })],
    schemas: [named("Kernel", { ...item, nullable: true }, { owner: "kernels", entityRole: "item" })],
  }));
  const decls = plan.entities.get("kernels")!;
  assert.equal(decls.item.schema.nullable, undefined);
  assert.notEqual(plan.refs.get("Kernel"), decls.item); // refs to Kernel still allow null
  assert.equal(plan.refs.get("Kernel")?.schema.nullable, true);
});

Deno.test("planSchemas() keeps names stable and files unique", () => {
  const m = model({
    entities: [
      entity("shareds", "shared", "Shared", { schemas: { item: s.object({}) } }),
      entity("objects", "object", "Object", { schemas: { item: s.object({}) } }),
    ],
    schemas: [named("Extra", s.string())],
  });
  const plan = planSchemas(m);
  assert.deepEqual(plan.files.map((f) => f.path), [
    "schemas/shared.schema.ts",
    "schemas/object.schema.ts",
    "schemas/shared2.schema.ts",
  ]);
  assert.equal(plan.entities.get("objects")?.item.typeName, "Object2");
  assert.deepEqual(planSchemas(m), plan);
});

Deno.test("refUses() and objectMode() agree with what the printer prints", () => {
  const schema = s.object({ a: [s.ref("A"), true], b: [s.array(s.ref("B"))] }, s.ref("Hidden"));
  assert.deepEqual(refUses(schema), [{ name: "A", eager: false, getters: 1 }, { name: "B", eager: false, getters: 1 }]);
  assert.deepEqual(refUses(s.object({}, s.ref("V"))), [{ name: "V", eager: true, getters: 0 }]);
  assert.deepEqual(refUses(s.union([s.ref("X"), s.array(s.ref("Y"))])), [
    { name: "X", eager: true, getters: 0 },
    { name: "Y", eager: true, getters: 0 },
  ]);
  assert.deepEqual(refUses(s.object({ a: [s.object({ b: [s.ref("B")] })] })), [{
    name: "B",
    eager: false,
    getters: 2,
  }]);
  assert.equal(objectMode(s.object({})), "object");
  assert.equal(objectMode(s.object({}, true)), "record");
  assert.equal(objectMode(s.object({ a: [s.string()] }, s.string())), "loose");
  assert.equal(typeName("order-item"), "OrderItem");
  assert.equal(typeName("Order"), "Order");
});

Deno.test("planSchemas() resolves a create body given as a ref to its object", () => {
  const plan = planSchemas(model({
    entities: [
      entity("things", "thing", "Thing", {
        schemas: { item: s.object({ id: [s.int({ readOnly: true }), true] }), create: s.ref("ThingIn") },
        operations: { create: op({ id: "c", name: "create", kind: "create", method: "post", path: "/things" }) },
      }),
    ],
    schemas: [named("ThingIn", s.object({ id: [s.int({ readOnly: true }), true], n: [s.string(), true] }))],
  }));
  const create = plan.entities.get("things")?.create;
  assert.equal(create?.schema.kind, "object");
  assert.deepEqual(create?.schema.kind === "object" && create.schema.properties.map((p) => p.name), ["n"]);
});
