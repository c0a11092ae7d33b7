/**
 * The preview's mock API, made from the model: list (with the spec's filters, sorting and paging), get, create,
 * update, delete and the entity's custom actions, answering with the spec's response shapes (list wrappers and item
 * properties included), seeded with fake rows, and broadcasting `created` / `updated` / `deleted` over a fake
 * WebSocket that speaks the protocol of the generated broadcast runtime.
 *
 * Pure TypeScript with no DOM: it runs in the playground page (both preview clients share one) and in Deno tests.
 *
 * @module
 */
import type { Entity, EntityModel, Operation, Property } from "../../../../src/model/types.ts";
import { queryRows } from "./list.ts";
import { createProperties, itemFields, listParams, SchemaIndex } from "./schema.ts";
import { type FakeContext, fakeValue, makeFaker, put, type Row, seedOrder } from "./seed.ts";
import { type BroadcastMessage, MockSocketServer } from "./socket.ts";

export type { Row } from "./seed.ts";

/** One request as the generated client sends it. */
export interface MockRequest {
  method: string;
  /** Absolute or path-only URL; only its path and query are read. */
  url: string;
  /** The JSON body text, if any. */
  body?: string | undefined;
}

/** The answer: a status and a JSON body (none for 204). */
export interface MockResponse {
  status: number;
  body?: unknown;
}

/** One handled request, for the request log. */
export interface MockLogEntry {
  method: string;
  path: string;
  status: number;
  /** The answer was the armed "fail the next write". */
  simulated: boolean;
}

/** Options of {@link MockBackend}. */
export interface MockBackendOptions {
  /** The faker seed: the same seed and model give the same rows. @default {1} */
  seed?: number;
  /** Rows per entity. @default {8} */
  rowsPerEntity?: number;
  /** The clock (timestamps of seeded and written rows). @default {() => new Date()} */
  now?: () => Date;
  /** Waits `ms` (latency); a test can pass an instant one. @default {setTimeout} */
  sleep?: (ms: number) => Promise<void>;
}

interface Route {
  entity: Entity;
  op: Operation;
  pattern: RegExp;
  /** The path parameters' names, in path order. */
  params: string[];
}

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The most latency {@link MockBackend.latencyMs} takes. */
export const MAX_LATENCY_MS = 2000;

/** The mock API of one model. */
export class MockBackend {
  readonly model: EntityModel;
  readonly index: SchemaIndex;
  /** The broadcast endpoint: its `WebSocket` is what the generated runtime's `WebSocket` option takes. */
  readonly sockets: MockSocketServer = new MockSocketServer();
  /** Requests handled so far, newest last (at most 200). */
  readonly log: MockLogEntry[] = [];
  readonly #tables = new Map<string, Row[]>();
  readonly #routes: Route[] = [];
  readonly #fake: FakeContext;
  readonly #now: () => Date;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #listeners = new Set<() => void>();
  #latencyMs = 0;
  #failNext: number | undefined;
  #nextInteger = new Map<string, number>();

  constructor(model: EntityModel, options: MockBackendOptions = {}) {
    this.model = model;
    this.index = new SchemaIndex(model);
    this.#now = options.now ?? (() => new Date());
    this.#sleep = options.sleep ??
      ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#fake = {
      faker: makeFaker(options.seed ?? 1),
      index: this.index,
      now: this.#now(),
    };
    for (const entity of model.entities) {
      this.#tables.set(entity.name, []);
      for (
        const op of [
          ...Object.values(entity.operations),
          ...entity.customOperations,
        ]
      ) {
        if (op) this.#routes.push(route(entity, op));
      }
    }
    // literal segments first, so that `/orders/summary` wins over `/orders/{id}`
    this.#routes.sort((a, b) =>
      b.pattern.source.split("([^/]+)").join("").length -
      a.pattern.source.split("([^/]+)").join("").length
    );
    this.#seed(options.rowsPerEntity ?? 8);
  }

  /** Delay before each answer, 0–2000 ms. */
  get latencyMs(): number {
    return this.#latencyMs;
  }
  set latencyMs(ms: number) {
    this.#latencyMs = Math.max(
      0,
      Math.min(MAX_LATENCY_MS, Math.round(Number.isFinite(ms) ? ms : 0)),
    );
    this.#changed();
  }

  /** The status the next write fails with (then it is cleared), or undefined. */
  get failNext(): number | undefined {
    return this.#failNext;
  }
  set failNext(status: number | undefined) {
    this.#failNext = status;
    this.#changed();
  }

  /** Calls `listener` when the controls or the log change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  /** The rows of an entity (by `name`), in order; a copy. */
  rows(entityName: string): Row[] {
    return (this.#tables.get(entityName) ?? []).map((row) => structuredClone(row));
  }

  /** Answers a request after the latency; broadcasts after a write that succeeded. */
  async handle(request: MockRequest): Promise<MockResponse> {
    if (this.#latencyMs > 0) await this.#sleep(this.#latencyMs);
    const method = request.method.toUpperCase();
    const url = new URL(request.url, "http://mock.invalid");
    let response: MockResponse;
    let simulated = false;
    if (this.#failNext !== undefined && WRITE_METHODS.has(method)) {
      response = {
        status: this.#failNext,
        body: {
          detail: `Simulated failure: the next write fails with ${this.#failNext}`,
        },
      };
      this.#failNext = undefined;
      simulated = true;
    } else {
      response = this.respond(method, url, request.body);
    }
    this.log.push({
      method,
      path: url.pathname + url.search,
      status: response.status,
      simulated,
    });
    if (this.log.length > 200) this.log.splice(0, this.log.length - 200);
    this.#changed();
    return response;
  }

  /** A fetch over this backend (the generated client's `fetch` option), answering with `Response`s. */
  readonly fetch = async (
    input: RequestInfo | URL,
    init: RequestInit = {},
  ): Promise<Response> => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const body = typeof init.body === "string" ? init.body : undefined;
    const answer = await this.handle({
      method: init.method ?? "GET",
      url,
      body,
    });
    return toResponse(answer);
  };

  /** Answers at once, without latency or the fail-next control. */
  respond(method: string, url: URL, bodyText?: string): MockResponse {
    const path = url.pathname.replace(/\/+$/, "") || "/";
    let pathMatched = false;
    for (const r of this.#routes) {
      const match = r.pattern.exec(path);
      if (!match) continue;
      pathMatched = true;
      if (r.op.method.toUpperCase() !== method) continue;
      const params = Object.fromEntries(
        r.params.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]),
      );
      let body: unknown;
      if (bodyText !== undefined && bodyText !== "") {
        try {
          body = JSON.parse(bodyText);
        } catch {
          return { status: 400, body: { detail: "The body is not JSON" } };
        }
      }
      return this.#operate(r, params, url.searchParams, body);
    }
    return pathMatched
      ? { status: 405, body: { detail: `${method} is not allowed on ${path}` } }
      : { status: 404, body: { detail: `No operation for ${method} ${path}` } };
  }

  #operate(
    r: Route,
    params: Record<string, string>,
    query: URLSearchParams,
    body: unknown,
  ): MockResponse {
    const { entity, op } = r;
    const status = successStatus(op);
    const itemId = op.kind === "list" || op.kind === "create" ? undefined : params[r.params.at(-1) ?? ""];
    const parents = this.#parentFilter(
      entity,
      r,
      op.kind === "list" || op.kind === "create" ? r.params : r.params.slice(0, -1),
      params,
    );
    switch (op.kind) {
      case "list":
        return { status, body: this.#list(entity, op, query, parents) };
      case "create":
        return this.#create(entity, op, body, parents);
      case "get": {
        const row = this.#find(entity, itemId);
        return row ? { status, body: this.#wrapItem(op, row) } : notFound(entity, itemId);
      }
      case "update":
        return this.#update(entity, op, itemId, body, "updated");
      case "delete":
        return this.#delete(entity, op, itemId);
      default: {
        if (!op.returnsEntity || itemId === undefined) {
          return { status, body: op.response ? {} : undefined };
        }
        return this.#update(entity, op, itemId, body, op.name);
      }
    }
  }

  /** Row fields the parent path parameters filter (`/customers/{customer_id}/orders` → `customer_id`). */
  #parentFilter(
    entity: Entity,
    r: Route,
    names: string[],
    params: Record<string, string>,
  ): Row {
    const fields = itemFields(entity);
    const out: Row = {};
    for (const name of names) {
      const param = r.op.pathParams.find((p) => p.name === name);
      const field = fields.has(name) ? name : param && fields.has(param.identifier) ? param.identifier : undefined;
      if (field) {
        put(out, field, coerce(params[name]!, fields.get(field)!, this.index));
      }
    }
    return out;
  }

  #list(
    entity: Entity,
    op: Operation,
    query: URLSearchParams,
    parents: Row,
  ): unknown {
    const plan = listParams(entity, op, this.index);
    const fields = itemFields(entity);
    const parentRows = (this.#tables.get(entity.name) ?? []).filter((row) =>
      Object.entries(parents).every(([field, value]) => row[field] === value)
    );
    const { page, total, limit, offset } = queryRows(parentRows, plan, query, fields);
    if (!op.listWrapper) return page;
    return this.#wrapper(op, op.listWrapper, page, {
      total,
      limit: limit ?? total,
      offset,
    });
  }

  /** The response object around `value` at `property`, its other fields filled the way a server would. */
  #wrapper(
    op: Operation,
    property: string,
    value: unknown,
    counts: Record<string, number> = {},
  ): Row {
    const out: Row = {};
    for (const p of this.index.properties(op.response?.schema)) {
      if (p.name === property) put(out, p.name, value);
      else if (
        /^(total|count|total_count|totalCount|total_items|totalItems)$/.test(
          p.name,
        )
      ) {
        put(out, p.name, counts.total ?? 0);
      } else if (p.name in counts) put(out, p.name, counts[p.name]);
      else if (/^(has_more|hasMore|has_next)$/.test(p.name)) {
        put(
          out,
          p.name,
          (counts.offset ?? 0) + (counts.limit ?? 0) < (counts.total ?? 0),
        );
      } else if (this.index.resolve(p.schema).nullable) put(out, p.name, null);
      else if (p.required) {
        put(out, p.name, fakeValue(p.schema, p.name, this.#fake));
      }
    }
    if (!(property in out)) put(out, property, value);
    return out;
  }

  #wrapItem(op: Operation, row: Row): unknown {
    const copy = structuredClone(row);
    return op.responseItemProperty ? this.#wrapper(op, op.responseItemProperty, copy) : copy;
  }

  #find(entity: Entity, id: string | undefined): Row | undefined {
    if (id === undefined) return undefined;
    const key = entity.primaryKey.name;
    return this.#tables.get(entity.name)?.find((row) => String(row[key]) === id);
  }

  #create(
    entity: Entity,
    op: Operation,
    body: unknown,
    parents: Row,
  ): MockResponse {
    const input = isRecord(body) ? body : {};
    const problems = this.#check(
      entity,
      createProperties(entity, this.index),
      input,
      true,
    );
    if (problems.length) return { status: 422, body: { detail: problems } };
    const row = this.#fakeRow(entity);
    const fields = itemFields(entity);
    // what the server decides for a new row: the spec's defaults (an enum's first value, such as a status, when
    // the input cannot set it: what the generated optimistic row shows too) and the time of creation
    const settable = new Set(createProperties(entity, this.index).map((p) => p.name));
    for (const p of entity.schemas.item.properties) {
      const schema = this.index.resolve(p.schema);
      const fallback = p.schema.default ?? schema.default ??
        (schema.kind === "enum" && !settable.has(p.name) ? schema.values[0] : undefined);
      if (fallback !== undefined) put(row, p.name, structuredClone(fallback));
      if (/^(created_at|updated_at|createdAt|updatedAt)$/.test(p.name) && typeof row[p.name] === "string") {
        put(row, p.name, this.#now().toISOString());
      }
    }
    for (const [name, value] of Object.entries(input)) {
      if (fields.has(name)) put(row, name, value);
    }
    for (const [name, value] of Object.entries(parents)) put(row, name, value);
    this.#tables.get(entity.name)!.push(row);
    this.#broadcast(entity, "created", row);
    return { status: successStatus(op), body: this.#wrapItem(op, row) };
  }

  #update(
    entity: Entity,
    op: Operation,
    id: string | undefined,
    body: unknown,
    event: string,
  ): MockResponse {
    const row = this.#find(entity, id);
    if (!row) return notFound(entity, id);
    const input = isRecord(body) ? body : {};
    const updateProps = this.index.properties(
      op.kind === "update" ? entity.schemas.update : op.requestBody?.schema,
    );
    const problems = this.#check(entity, updateProps, input, false);
    if (problems.length) return { status: 422, body: { detail: problems } };
    const fields = itemFields(entity);
    for (const [name, value] of Object.entries(input)) {
      const field = fields.get(name);
      if (field && !field.schema.readOnly && name !== entity.primaryKey.name) {
        put(row, name, value);
      }
    }
    if (op.kind === "custom") this.#act(entity, op, row);
    for (const name of ["updated_at", "updatedAt", "modified_at"]) {
      if (fields.has(name)) put(row, name, this.#now().toISOString());
    }
    this.#broadcast(
      entity,
      event === "updated" || event === "created" ? event : "updated",
      row,
    );
    return { status: successStatus(op), body: this.#wrapItem(op, row) };
  }

  /**
   * What an action does, guessed from its name: an enum field takes the value the name leads to (`cancel` →
   * `cancelled`, `ship` → `shipped`), a boolean field named after it becomes true (`archive` → `is_archived`).
   */
  #act(entity: Entity, op: Operation, row: Row): void {
    const stem = op.name.toLowerCase().replace(/e$/, "");
    if (stem.length < 3) return;
    for (const p of entity.schemas.item.properties) {
      const schema = this.index.resolve(p.schema);
      if (schema.kind === "enum") {
        const value = schema.values.find((v) => typeof v === "string" && v.toLowerCase().startsWith(stem));
        if (value !== undefined) put(row, p.name, value);
      } else if (schema.kind === "boolean" && p.name.toLowerCase().includes(stem)) put(row, p.name, true);
    }
  }

  #delete(entity: Entity, op: Operation, id: string | undefined): MockResponse {
    const table = this.#tables.get(entity.name)!;
    const row = this.#find(entity, id);
    if (!row) return notFound(entity, id);
    table.splice(table.indexOf(row), 1);
    this.#broadcast(entity, "deleted", row);
    this.#detach(entity, row);
    const status = successStatus(op);
    return status === 204 || !op.response ? { status: status === 200 && !op.response ? 204 : status } : {
      status,
      body: this.#wrapItem(op, row),
    };
  }

  /** After a delete: rows pointing at it lose the reference (nullable keys) or go too. */
  #detach(entity: Entity, removed: Row): void {
    const key = removed[entity.primaryKey.name];
    for (const other of this.model.entities) {
      for (const rel of other.relationships) {
        if (rel.kind !== "belongsTo" || rel.target !== entity.name) continue;
        const table = this.#tables.get(other.name)!;
        for (const row of [...table]) {
          if (row[rel.foreignKey] !== key) continue;
          if (rel.nullable) {
            put(row, rel.foreignKey, null);
            this.#broadcast(other, "updated", row);
          } else if (table.includes(row)) {
            table.splice(table.indexOf(row), 1);
            this.#broadcast(other, "deleted", row);
            this.#detach(other, row);
          }
        }
      }
    }
  }

  /** Loose validation: required fields present, foreign keys pointing at rows that exist. */
  #check(
    entity: Entity,
    props: Property[],
    input: Row,
    creating: boolean,
  ): { loc: string[]; msg: string }[] {
    const problems: { loc: string[]; msg: string }[] = [];
    for (const p of props) {
      const value = input[p.name];
      if (creating && p.required && value === undefined) {
        problems.push({ loc: ["body", p.name], msg: "Field required" });
      }
    }
    for (const rel of entity.relationships) {
      if (rel.kind !== "belongsTo") continue;
      const value = input[rel.foreignKey];
      if (value === undefined || value === null) continue;
      const target = this.model.entities.find((e) => e.name === rel.target);
      if (target && !this.#find(target, String(value))) {
        problems.push({
          loc: ["body", rel.foreignKey],
          msg: `No ${target.singular} with this id`,
        });
      }
    }
    return problems;
  }

  /**
   * Tells the clients about a write, in the protocol the README's "Broadcast protocol" documents: created and updated
   * events carry the row (`payload.data`), so a client applies them without a request.
   */
  #broadcast(entity: Entity, event: string, row: Row): void {
    const entityId = row[entity.primaryKey.name] as string | number;
    const message: BroadcastMessage = {
      channel: entity.channel ?? entity.singular,
      event,
      payload: event === "deleted" ? { entity_id: entityId } : { entity_id: entityId, data: structuredClone(row) },
    };
    this.sockets.publish(message);
  }

  #seed(perEntity: number): void {
    for (const entity of seedOrder(this.model)) {
      const table = this.#tables.get(entity.name)!;
      // entities that hang under others get more rows, so that every parent has some
      const count = entity.relationships.some((r) => r.kind === "belongsTo" && !r.nullable && r.target !== entity.name)
        ? perEntity + Math.ceil(perEntity / 2)
        : perEntity;
      for (let i = 0; i < count; i++) {
        table.push(this.#fakeRow(entity, i));
      }
    }
  }

  /**
   * A new row of fake values: a fresh key, foreign keys to existing rows (nullable ones sometimes null). While
   * seeding, the `index`-th row's required foreign keys go round the parents first, so every parent has a child.
   */
  #fakeRow(entity: Entity, index?: number): Row {
    const row: Row = {};
    const { faker } = this.#fake;
    const belongsTo = new Map(
      entity.relationships.filter((r) => r.kind === "belongsTo").map((
        r,
      ) => [r.foreignKey, r]),
    );
    for (const p of entity.schemas.item.properties) {
      const schema = this.index.resolve(p.schema);
      if (p.name === entity.primaryKey.name) {
        put(row, p.name, this.#newKey(entity));
        continue;
      }
      const rel = belongsTo.get(p.name);
      if (rel) {
        const targets = this.#tables.get(rel.target) ?? [];
        const target = this.model.entities.find((e) => e.name === rel.target)!;
        const nullable = rel.nullable || schema.nullable || !p.required;
        if (targets.length === 0 || (nullable && faker.number.float() < 0.25)) {
          if (schema.nullable) put(row, p.name, null);
          else if (!p.required) continue;
          else put(row, p.name, fakeValue(p.schema, p.name, this.#fake));
        } else {
          const parent = index !== undefined && !nullable && index < targets.length
            ? targets[index]!
            : faker.helpers.arrayElement(targets);
          put(row, p.name, parent[target.primaryKey.name]);
        }
        continue;
      }
      if (
        /^(created_at|updated_at|createdAt|updatedAt)$/.test(p.name) &&
        schema.kind === "string"
      ) {
        put(
          row,
          p.name,
          faker.date.recent({ days: 30, refDate: this.#now() }).toISOString(),
        );
        continue;
      }
      if (schema.nullable && faker.number.float() < 0.15) {
        put(row, p.name, null);
        continue;
      }
      if (!p.required && faker.number.float() < 0.2) continue;
      put(row, p.name, fakeValue(p.schema, p.name, this.#fake));
    }
    return row;
  }

  #newKey(entity: Entity): string | number {
    if (entity.primaryKey.type === "uuid") {
      return this.#fake.faker.string.uuid();
    }
    const next = (this.#nextInteger.get(entity.name) ?? 0) + 1;
    this.#nextInteger.set(entity.name, next);
    return entity.primaryKey.type === "integer" ? next : `${entity.singular}_${next}`;
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}

function route(entity: Entity, op: Operation): Route {
  const params: string[] = [];
  const source = op.path.replace(/\/+$/, "").split(/(\{[^}]+\})/).map(
    (part) => {
      const param = /^\{([^}]+)\}$/.exec(part);
      if (param) {
        params.push(param[1]!);
        return "([^/]+)";
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    },
  ).join("");
  return { entity, op, pattern: new RegExp(`^${source || "/"}$`), params };
}

function successStatus(op: Operation): number {
  const status = Number(op.response?.status);
  if (Number.isInteger(status) && status >= 200 && status < 300) return status;
  if (!op.response) return op.kind === "create" ? 201 : 204;
  return op.kind === "create" ? 201 : 200;
}

function notFound(entity: Entity, id: string | undefined): MockResponse {
  return {
    status: 404,
    body: {
      detail: `No ${entity.singular} with ${entity.primaryKey.name} ${id}`,
    },
  };
}

function isRecord(value: unknown): value is Row {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function coerce(text: string, property: Property, index: SchemaIndex): unknown {
  const kind = index.resolve(property.schema).kind;
  if (kind === "number") return Number(text);
  if (kind === "boolean") return text === "true";
  return text;
}

/** A `Response` for an answer (JSON, or an empty body for 204). */
export function toResponse(answer: MockResponse): Response {
  const empty = answer.status === 204 || answer.status === 205 ||
    answer.body === undefined;
  return new Response(empty ? null : JSON.stringify(answer.body), {
    status: answer.status,
    headers: empty ? {} : { "content-type": "application/json" },
  });
}
