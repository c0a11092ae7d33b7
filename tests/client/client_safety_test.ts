/**
 * The generated client's safety (issue 12): credentials only where the spec's `security` says, header and cookie
 * parameters, no dot-segment ids, timeouts, and 2xx answers that are not the described JSON. Each spec's client is
 * generated into `tests/.out/client-safety/` and imported; requests are counted with an injected `fetch`, and the
 * timeouts are met on a loopback server that never answers.
 *
 * @module
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { generate } from "../../src/generate.ts";
import { requirement } from "../helpers/requirement.ts";

const OUT = fileURLToPath(new URL("../.out/client-safety/", import.meta.url));
const SPECS = fileURLToPath(new URL("../../../shared/specs/upstream/", import.meta.url));
const present = (() => {
  try {
    return Deno.statSync(SPECS).isDirectory;
  } catch {
    return false;
  }
})();
const folder = requirement("../shared/specs/upstream/", present, `the security-spec tests read ${SPECS}`);

// deno-lint-ignore no-explicit-any
type Client = Record<string, any>;

/** Generates `spec` into its own folder and imports its client (a module of its own, with its own configuration). */
async function loadClient(name: string, spec: unknown): Promise<Client> {
  const dir = `${OUT}${name}/`;
  await Deno.remove(dir, { recursive: true }).catch(() => {});
  for (const [file, text] of Object.entries(generate(spec as object).files)) {
    await Deno.mkdir(`${dir}${file}`.slice(0, `${dir}${file}`.lastIndexOf("/")), { recursive: true });
    await Deno.writeTextFile(`${dir}${file}`, text);
  }
  return await import(`${new URL(`file://${dir}client/index.ts`)}`);
}

interface Sent {
  method: string;
  url: URL;
  headers: Headers;
}

/** A fetch that records each request and answers with `answer` (JSON 200 by default). */
function recorder(answer: () => Response = () => Response.json([])): { sent: Sent[]; fetch: typeof fetch } {
  const sent: Sent[] = [];
  const fake = (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push({ method: init?.method ?? "GET", url: new URL(String(input)), headers: new Headers(init?.headers) });
    return Promise.resolve(answer());
  };
  return { sent, fetch: fake as typeof fetch };
}

/** What one request carried: its credentials-like headers, query and cookie, for comparing. */
function carried(s: Sent): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ["authorization", "x-api-key", "cookie", "x-request-id"]) {
    const value = s.headers.get(name);
    if (value !== null) out[name] = value;
  }
  if (s.url.search) out.query = s.url.search;
  return out;
}

const json = (schema: unknown) => ({ description: "ok", content: { "application/json": { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

Deno.test({
  name: "client: the upstream security specs send credentials only where they say (global, operation, path, [])",
  ignore: folder.ignore,
  async fn() {
    folder.assert();
    const read = (file: string) => JSON.parse(Deno.readTextFileSync(SPECS + file));
    const rec = recorder(() => Response.json([]));
    const credentials = { bearerAuth: () => "tok", apiKeyAuth: "key-1" };

    const global = await loadClient("sec-global", read("with-security-global.json"));
    global.configureApi({ baseUrl: "http://api.test", fetch: rec.fetch, credentials });
    await global.usersApi.list();
    assert.deepEqual(carried(rec.sent.pop()!), { authorization: "Bearer tok" });

    const operation = await loadClient("sec-operation", read("with-security-operation.json"));
    operation.configureApi({ baseUrl: "http://api.test", fetch: rec.fetch, credentials, getAuthToken: () => "legacy" });
    await operation.tasksApi.list();
    assert.deepEqual(carried(rec.sent.pop()!), {}, "list_tasks declares no security: not even getAuthToken's token");
    const created = recorder(() => Response.json({ id: crypto.randomUUID(), title: "t" }, { status: 201 }));
    operation.configureApi({ fetch: created.fetch });
    await operation.tasksApi.create({ title: "t" });
    assert.deepEqual(carried(created.sent.pop()!), { authorization: "Bearer tok" });

    const override = await loadClient("sec-override", read("with-security-override.json"));
    override.configureApi({ baseUrl: "http://api.test", fetch: rec.fetch, credentials });
    await override.listPublic();
    assert.deepEqual(carried(rec.sent.pop()!), {}, "security: [] sends none");
    await override.listProtected();
    assert.deepEqual(carried(rec.sent.pop()!), { authorization: "Bearer tok" });

    const path = await loadClient("sec-path", read("with-security-path.json"));
    path.configureApi({ baseUrl: "http://api.test", fetch: rec.fetch, credentials });
    await path.productsApi.list();
    assert.deepEqual(carried(rec.sent.pop()!), { "x-api-key": "key-1" });
    assert.equal(rec.sent.length, 0);
  },
});

/** A made-up spec with every kind of scheme, alternatives, header and cookie parameters. */
const madeUp = {
  openapi: "3.1.0",
  info: { title: "Safety", version: "1" },
  security: [{ headerKey: [] }],
  paths: {
    "/notes": {
      get: { operationId: "listNotes", responses: { "200": json({ type: "array", items: ref("Note") }) } },
      post: {
        operationId: "createNote",
        security: [{ basicAuth: [] }],
        requestBody: { content: { "application/json": { schema: ref("Note") } } },
        responses: { "201": json(ref("Note")) },
      },
    },
    "/notes/{note_id}": {
      parameters: [{ name: "note_id", in: "path", required: true, schema: { type: "string" } }],
      get: {
        operationId: "getNote",
        security: [{ queryKey: [], cookieKey: [] }],
        responses: { "200": json(ref("Note")) },
      },
      delete: { operationId: "deleteNote", security: [{ missing: [] }, { bearer: [] }], responses: { "204": {} } },
    },
    "/echo": {
      get: {
        operationId: "echo",
        security: [],
        parameters: [
          { name: "X-Request-Id", in: "header", required: true, schema: { type: "string" } },
          { name: "session", in: "cookie", schema: { type: "string" } },
          { name: "verbose", in: "query", schema: { type: "boolean" } },
        ],
        responses: { "200": json({ type: "object", properties: { ok: { type: "boolean" } } }) },
      },
    },
  },
  components: {
    schemas: {
      Note: {
        type: "object",
        required: ["id", "text"],
        properties: { id: { type: "string" }, text: { type: "string" } },
      },
    },
    securitySchemes: {
      headerKey: { type: "apiKey", in: "header", name: "X-API-Key" },
      queryKey: { type: "apiKey", in: "query", name: "api_key" },
      cookieKey: { type: "apiKey", in: "cookie", name: "sid" },
      basicAuth: { type: "http", scheme: "basic" },
      bearer: { type: "http", scheme: "bearer" },
    },
  },
};

Deno.test("client: API keys in header, query and cookie, basic and bearer auth, each only where the spec says", async () => {
  const client = await loadClient("made-up", madeUp);
  const note = { id: "n1", text: "hi" };
  const rec = recorder(() => Response.json(note));
  client.configureApi({
    baseUrl: "http://api.test/",
    fetch: rec.fetch,
    credentials: {
      headerKey: () => Promise.resolve("hk"),
      queryKey: "q&k=1",
      cookieKey: "c; evil=1",
      basicAuth: { username: "ann", password: "pä:ss" },
    },
    getAuthToken: () => "bt",
  });
  const list = recorder(() => Response.json([note]));
  client.configureApi({ fetch: list.fetch });
  assert.deepEqual(await client.notesApi.list(), [note]);
  assert.deepEqual(carried(list.sent[0]), { "x-api-key": "hk" }, "the global security");

  client.configureApi({ fetch: rec.fetch });
  await client.notesApi.create({ id: "n1", text: "hi" });
  await client.notesApi.get("n1");
  await client.notesApi.delete("n1");
  await client.echo({ "X-Request-Id": "r-1", session: "s 1;x", verbose: true });
  const basic = "Basic " + btoa(String.fromCharCode(...new TextEncoder().encode("ann:pä:ss")));
  assert.deepEqual(rec.sent.map(carried), [
    { authorization: basic },
    { cookie: "sid=c%3B%20evil%3D1", query: "?api_key=q%26k%3D1" },
    { authorization: "Bearer bt" }, // the first alternative names an undefined scheme; getAuthToken is bearer's fallback
    { "x-request-id": "r-1", cookie: "session=s%201%3Bx", query: "?verbose=true" }, // security: [] sends none
  ]);
  assert.equal(rec.sent[1].url.pathname, "/notes/n1");

  // a header value with a line break is refused before sending
  const before = rec.sent.length;
  await assert.rejects(
    () => client.echo({ "X-Request-Id": "a\r\nX-Evil: 1" }),
    (e: Error) => e.name === "ApiRequestError" && /line break/.test(e.message),
  );
  assert.equal(rec.sent.length, before);
});

Deno.test("client: '.' and '..' (also percent-encoded) are refused as path parameters before sending", async () => {
  const client = await loadClient("made-up-dots", madeUp);
  const rec = recorder(() => new Response(null, { status: 204 }));
  client.configureApi({ baseUrl: "http://api.test", fetch: rec.fetch });
  for (const id of ["..", ".", "%2e%2E", ".%2e", "%2E"]) {
    await assert.rejects(
      () => client.notesApi.delete(id),
      (e: Error & { parameter?: string }) => e.name === "ApiRequestError" && e.parameter === "note_id",
      id,
    );
  }
  assert.equal(rec.sent.length, 0);
  for (const id of ["...", ".a", "a/b", "%"]) await client.notesApi.delete(id);
  assert.deepEqual(rec.sent.map((s) => s.url.pathname), ["/notes/...", "/notes/.a", "/notes/a%2Fb", "/notes/%25"]);
});

Deno.test({
  name: "client: a request that gets no answer times out (configured, per call) and the caller's abort stays an abort",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const client = await loadClient("made-up-timeout", madeUp);
    const hanging = new Set<() => void>();
    const server = Deno.serve(
      { port: 0, hostname: "127.0.0.1", onListen: () => {} },
      () =>
        new Promise<Response>((resolve) => {
          hanging.add(() => resolve(new Response("late")));
        }),
    );
    try {
      client.configureApi({ baseUrl: `http://127.0.0.1:${server.addr.port}`, fetch: undefined, timeoutMs: 150 });
      const started = performance.now();
      await assert.rejects(
        () => client.notesApi.list(),
        (e: Error & { timeoutMs?: number }) => e.name === "ApiTimeoutError" && e.timeoutMs === 150,
      );
      assert.ok(performance.now() - started < 5_000);
      await assert.rejects(
        () => client.notesApi.list(undefined, { timeoutMs: 50 }),
        (e: Error & { timeoutMs?: number }) => e.name === "ApiTimeoutError" && e.timeoutMs === 50,
      );
      const controller = new AbortController();
      const call = client.notesApi.list(undefined, { signal: controller.signal, timeoutMs: 10_000 });
      setTimeout(() => controller.abort(), 20);
      await assert.rejects(() => call, (e: Error) => e.name === "AbortError");
      assert.equal(client.getApiConfig().timeoutMs, 150);
    } finally {
      for (const release of hanging) release();
      await server.shutdown();
    }
  },
});

Deno.test("client: the default timeout is 30 s", async () => {
  const client = await loadClient("made-up-default", madeUp);
  assert.equal(client.DEFAULT_TIMEOUT_MS ?? 30_000, 30_000);
  let signal: AbortSignal | undefined;
  client.configureApi({
    baseUrl: "http://api.test",
    fetch: ((_: unknown, init?: RequestInit) => {
      signal = init?.signal ?? undefined;
      return Promise.resolve(Response.json([]));
    }) as typeof fetch,
  });
  await client.notesApi.list();
  assert.ok(signal, "every request carries a timeout signal");
});

Deno.test("client: a 2xx answer with HTML, garbage or JSON of another shape rejects with an ApiError", async () => {
  const client = await loadClient("made-up-answers", madeUp);
  const answers: Response[] = [
    new Response("<!doctype html><html><body>Login</body></html>", { headers: { "content-type": "text/html" } }),
    new Response("{not json", { headers: { "content-type": "application/json" } }),
    Response.json([{ id: 1, text: null }]),
    Response.json({ items: "nope" }),
  ];
  client.configureApi({ baseUrl: "http://api.test", fetch: (() => Promise.resolve(answers.shift()!)) as typeof fetch });
  const failures: unknown[] = [];
  for (let i = 0; i < 4; i++) await client.notesApi.list().catch((e: unknown) => failures.push(e));
  assert.equal(failures.length, 4);
  const summary = failures.map((e) => {
    const error = e as { name: string; status: number; reason: string; contentType: string; excerpt: string };
    assert.ok(e instanceof client.ApiError);
    return [error.status, error.reason, error.contentType, error.excerpt.slice(0, 15)];
  });
  assert.deepEqual(summary, [
    [200, "not-json", "text/html", "<!doctype html>"],
    [200, "not-json", "application/json", "{not json"],
    [200, "invalid", "application/json", '[{"id":1,"text"'],
    [200, "invalid", "application/json", '{"items":"nope"'],
  ]);
  assert.match(
    String((failures[0] as Error).message),
    /listNotes answered 200 with a body that is not JSON \(text\/html\)/,
  );
});
