/** A username and password for HTTP basic auth. */
export interface BasicCredentials {
  username: string;
  password: string;
}

/** A credential: an API key or bearer token (a string), basic auth's pair, or a function that returns one. */
export type Credential =
  | string
  | BasicCredentials
  | (() =>
    | string
    | BasicCredentials
    | null
    | undefined
    | Promise<string | BasicCredentials | null | undefined>);

/** How the client reaches the API; set it once with {@link configureApi}. */
export interface ApiConfig {
  /** Prefix of every request path, e.g. "https://api.example.com"; "" for the page's own origin. */
  baseUrl: string;
  /** Headers for every request, or a function that returns them for each request. */
  headers?:
    | Record<string, string>
    | (() => Record<string, string> | Promise<Record<string, string>>);
  /**
   * Credentials by security scheme name (the keys of the spec's `components.securitySchemes`). Each request sends
   * only what its operation's `security` asks for: an API key in its header, query parameter or cookie, a bearer
   * token, or basic auth.
   */
  credentials?: Record<string, Credential>;
  /**
   * Returns the bearer token for the Authorization header; no header when it returns nothing. With a spec that
   * declares `security`, it is the fallback for bearer (and OAuth) schemes that have no entry in `credentials`.
   */
  getAuthToken?: () =>
    | string
    | null
    | undefined
    | Promise<string | null | undefined>;
  /** The fetch to call (tests, server rendering, instrumentation); the global fetch by default. */
  fetch?: typeof fetch;
  /** Milliseconds before a request is aborted with an {@link ApiTimeoutError}; 30000 by default, 0 for none. */
  timeoutMs?: number;
}

/** Options of one call. */
export interface CallOptions {
  /** Aborts the request (TanStack Query passes one to every query function). */
  signal?: AbortSignal | undefined;
  /** Headers for this call only; they win over the configured ones. */
  headers?: Record<string, string> | undefined;
  /** Milliseconds before this call times out, instead of the configured `timeoutMs`. */
  timeoutMs?: number | undefined;
}

/** The timeout of a request when `configureApi` sets none. */
export const DEFAULT_TIMEOUT_MS = 30_000;

let apiConfig: ApiConfig = { baseUrl: "" };

/**
 * Sets the client's configuration, merged over the current one.
 *
 * @example
 * configureApi({ baseUrl: "https://api.example.com", getAuthToken: () => localStorage.getItem("token") });
 * configureApi({ credentials: { ApiKeyAuth: () => token, basicAuth: { username: "ann", password: "secret" } } });
 */
export function configureApi(config: Partial<ApiConfig>): void {
  apiConfig = { ...apiConfig, ...config };
}

/** The current configuration. */
export function getApiConfig(): Readonly<ApiConfig> {
  return apiConfig;
}

/** What went wrong with an answer that is not the expected one. */
export interface AnswerDetails {
  /** The answer's content type ("" when none). */
  contentType?: string;
  /** The first characters of the answer's body, for logs. */
  excerpt?: string;
  /** Why a successful status still failed: the body is no JSON, or does not match the schema. */
  reason?: "not-json" | "invalid";
}

/**
 * An answer of the API with a status outside 200-299, or a 2xx answer whose body is not the JSON the spec
 * describes (`reason` says which).
 */
export class ApiError extends Error {
  override readonly name: string = "ApiError";
  /** The operation id, e.g. "getOrder". */
  readonly operation: string;
  /** The HTTP status, e.g. 404. */
  readonly status: number;
  readonly statusText: string;
  /** The answer's body: parsed JSON when its content type says JSON, else text, or undefined when empty. */
  readonly body: unknown;
  /** The answer's content type ("" when none). */
  readonly contentType: string;
  /** The first 200 characters of the answer's body. */
  readonly excerpt: string;
  /** For a 2xx answer: "not-json" (HTML, garbage) or "invalid" (JSON that does not match the schema). */
  readonly reason: "status" | "not-json" | "invalid";

  constructor(
    operation: string,
    status: number,
    statusText: string,
    body: unknown,
    details: AnswerDetails = {},
  ) {
    const reason = details.reason ?? "status";
    super(
      operation +
        (reason === "status"
          ? " failed with status " + status +
            (statusText ? " " + statusText : "")
          : reason === "not-json"
          ? " answered " + status + " with a body that is not JSON (" +
            (details.contentType || "no content type") +
            ")"
          : " answered " + status + " with JSON that does not match the spec"),
    );
    this.operation = operation;
    this.status = status;
    this.statusText = statusText;
    this.body = body;
    this.contentType = details.contentType ?? "";
    this.excerpt = details.excerpt ?? "";
    this.reason = reason;
  }
}

/** A request that got no answer within its timeout; it was aborted. */
export class ApiTimeoutError extends Error {
  override readonly name = "ApiTimeoutError";
  /** The operation id, e.g. "getOrder". */
  readonly operation: string;
  /** The timeout that ran out, in milliseconds. */
  readonly timeoutMs: number;

  constructor(operation: string, timeoutMs: number) {
    super(operation + " timed out after " + timeoutMs + " ms");
    this.operation = operation;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * A call refused before sending: a path parameter that is "." or ".." (a URL would resolve it to another path,
 * up to the API's root), or a header or cookie value with a line break.
 */
export class ApiRequestError extends Error {
  override readonly name = "ApiRequestError";
  /** The operation id, e.g. "deleteOrder". */
  readonly operation: string;
  /** The parameter that was refused. */
  readonly parameter: string;

  constructor(operation: string, parameter: string, message: string) {
    super(operation + ": " + message);
    this.operation = operation;
    this.parameter = parameter;
  }
}

/**
 * How one security scheme of the spec sends its credential.
 * @internal
 */
export type SecurityScheme =
  | {
    scheme: string;
    type: "apiKey";
    in: "header" | "query" | "cookie";
    name: string;
  }
  | { scheme: string; type: "bearer" }
  | { scheme: string; type: "basic" };

/**
 * One request as an operation describes it.
 * @internal
 */
export interface RequestSpec<T = unknown> {
  operation: string;
  method: string;
  /** The path template with `{name}` slots, filled from `pathParams`. */
  path: string;
  /** The path parameters by the names of the path template's slots. */
  pathParams?: Record<string, unknown>;
  query?: object | undefined;
  /** Header parameters by wire name (undefined ones are left out). */
  headers?: Record<string, unknown>;
  /** Cookie parameters by wire name (undefined ones are left out). */
  cookies?: Record<string, unknown>;
  body?: unknown;
  /** "json" (the default) sends JSON.stringify(body); "raw" sends the body as it is (FormData, Blob, text). */
  bodyType?: "json" | "raw";
  contentType?: string;
  /**
   * The operation's security: alternatives, each a list of schemes that are sent together; [] sends none.
   * Undefined (a spec without `security`) sends `getAuthToken`'s bearer token when there is one.
   */
  security?: SecurityScheme[][];
  /** The answer must be JSON and is parsed with this schema (at `at`, a path of properties into it). */
  answer?: { parse(data: unknown): T };
  at?: string[];
  options?: CallOptions | undefined;
}

/**
 * One page of a wrapped list: its rows, and the wrapper's other fields (a total, a next cursor, links), which
 * the plain list call drops.
 */
export interface ListPage<T, P = Record<string, unknown>> {
  /** The rows, parsed with the item schema. */
  items: T[];
  /** The wrapper's fields besides the rows, parsed with the wrapper's schema when the spec names one. */
  page: P;
}

/**
 * How {@link requestPage} reads the wrapper: the spec of the rows, and the wrapper's own schema if any.
 * @internal
 */
export interface PageRequestSpec<T> extends RequestSpec<T[]> {
  /** The whole answer is parsed with this schema too (the wrapper's), so the page fields are checked. */
  wrapper?: { parse(data: unknown): unknown };
}

/** The characters of the answer kept in an error's excerpt. */
const EXCERPT_LENGTH = 200;

/** "?a=1&b=x&b=y" for the defined values of params (arrays as repeated keys), or "". */
function queryString(
  params: object | undefined,
  extra: [string, string][],
): string {
  const search = new URLSearchParams();
  for (
    const [key, value] of Object.entries(params ?? {}) as [string, unknown][]
  ) {
    const items: unknown[] = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (item === undefined || item === null) continue;
      search.append(key, text(item));
    }
  }
  for (const [key, value] of extra) search.set(key, value);
  const query = search.toString();
  return query === "" ? "" : "?" + query;
}

function text(value: unknown): string {
  return typeof value === "object" && value !== null
    ? JSON.stringify(value)
    : String(value);
}

// "." and ".." in any spelling a server may decode ("%2e", "%2E", ".%2e", …)
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/**
 * The path with each `{name}` slot replaced by its encoded value; refuses "." and ".." (in any percent-encoding),
 * which a URL resolves to the parent path.
 */
function fillPath(spec: RequestSpec<unknown>): string {
  const values = spec.pathParams ?? {};
  return spec.path.replace(/\{([^{}]+)\}/g, (slot, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(values, name)) return slot;
    const value = text(values[name]);
    if (DOT_SEGMENT.test(value)) {
      throw new ApiRequestError(
        spec.operation,
        name,
        "the path parameter " + name + " cannot be " + JSON.stringify(value) +
          " (it would change the path)",
      );
    }
    return encodeURIComponent(value);
  });
}

/** A header value as text; refuses line breaks, which would start another header. */
function headerValue(operation: string, name: string, value: unknown): string {
  const textValue = Array.isArray(value)
    ? value.map(text).join(",")
    : text(value);
  if (/[\r\n\0]/.test(textValue)) {
    throw new ApiRequestError(
      operation,
      name,
      "the value of " + name + " contains a line break",
    );
  }
  return textValue;
}

/** The `Cookie` header value of name/value pairs, each value percent-encoded. */
function cookieHeader(pairs: [string, string][]): string {
  return pairs.map(([name, value]) =>
    encodeURIComponent(name) + "=" + encodeURIComponent(value)
  ).join("; ");
}

/** The credential of a scheme: from `credentials`, else (for bearer-like schemes) `getAuthToken`. */
async function credentialOf(
  config: ApiConfig,
  scheme: SecurityScheme,
): Promise<string | BasicCredentials | undefined> {
  const given = config.credentials &&
      Object.prototype.hasOwnProperty.call(config.credentials, scheme.scheme)
    ? config.credentials[scheme.scheme]
    : undefined;
  const value = typeof given === "function" ? await given() : given;
  if (value !== undefined && value !== null && value !== "") return value;
  if (scheme.type === "bearer" && config.getAuthToken) {
    return (await config.getAuthToken()) || undefined;
  }
  return undefined;
}

/**
 * Adds the credentials of the first alternative of `security` whose credentials are all configured; none when no
 * alternative is complete (the API then answers 401, which says more than a guess).
 */
async function applySecurity(
  config: ApiConfig,
  spec: RequestSpec<unknown>,
  headers: Record<string, string>,
  query: [string, string][],
  cookies: [string, string][],
): Promise<void> {
  if (spec.security === undefined) {
    const token = config.getAuthToken ? await config.getAuthToken() : undefined;
    if (token) headers["Authorization"] = "Bearer " + token;
    return;
  }
  for (const alternative of spec.security) {
    const values = await Promise.all(
      alternative.map((scheme) => credentialOf(config, scheme)),
    );
    if (values.some((v) => v === undefined)) continue;
    alternative.forEach((scheme, i) => {
      const value = values[i]!;
      if (scheme.type === "basic") {
        const pair = typeof value === "string"
          ? value
          : value.username + ":" + value.password;
        headers["Authorization"] = "Basic " + base64(pair);
        return;
      }
      const token = headerValue(
        spec.operation,
        scheme.scheme,
        typeof value === "string" ? value : value.password,
      );
      if (scheme.type === "bearer") {
        headers["Authorization"] = "Bearer " + token;
      } else if (scheme.in === "header") headers[scheme.name] = token;
      else if (scheme.in === "query") query.push([scheme.name, token]);
      else cookies.push([scheme.name, token]);
    });
    return;
  }
}

/** Base64 of the UTF-8 bytes of a string. */
function base64(value: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(value)) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary);
}

/** The body of an answer as text, and parsed JSON when the content type says JSON and it parses. */
async function readBody(
  response: Response,
): Promise<{ text: string; json?: { value: unknown } }> {
  if (response.status === 204 || response.status === 205) return { text: "" };
  const body = await response.text();
  if (body !== "" && /json/i.test(response.headers.get("content-type") ?? "")) {
    try {
      return { text: body, json: { value: JSON.parse(body) } };
    } catch {
      // not JSON after all: the caller decides
    }
  }
  return { text: body };
}

/** The value at a path of own properties, or undefined. */
function at(data: unknown, path: string[] | undefined): unknown {
  let value = data;
  for (const key of path ?? []) value = field(value, key);
  return value;
}

/**
 * Sends one request and returns its answer: parsed with `spec.answer` when given, else the parsed body.
 * Throws {@link ApiError} for a status outside 200-299 or an answer that is not the expected JSON,
 * {@link ApiTimeoutError} when it times out, and {@link ApiRequestError} for a refused parameter.
 * @internal
 */
export async function request<T = unknown>(spec: RequestSpec<T>): Promise<T> {
  return (await exchange(spec)).value;
}

/**
 * Sends one list request and returns its rows (at `spec.at`) with the wrapper's other fields: every own
 * property of the answer but the first of `spec.at` (`{ items, total }` → `{ total }`; a HAL answer keeps its
 * `page` and `_links`, not `_embedded`).
 * Throws as {@link request} does, and an {@link ApiError} "invalid" when the wrapper does not match its schema.
 * @internal
 */
export async function requestPage<T, P = Record<string, unknown>>(
  spec: PageRequestSpec<T>,
): Promise<ListPage<T, P>> {
  const { value, data, fail } = await exchange(spec);
  let whole: unknown = data;
  if (spec.wrapper) {
    try {
      whole = spec.wrapper.parse(data);
    } catch {
      throw fail();
    }
  }
  const page: Record<string, unknown> = {};
  const rowsKey = spec.at?.[0];
  if (typeof whole === "object" && whole !== null && !Array.isArray(whole)) {
    for (const [key, item] of Object.entries(whole)) {
      if (key === rowsKey) continue;
      Object.defineProperty(page, key, {
        value: item,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return { items: value, page: page as P };
}

/** Sends one request: the parsed answer, the whole JSON, and the "invalid answer" error to throw for it. */
async function exchange<T>(
  spec: RequestSpec<T>,
): Promise<{ value: T; data: unknown; fail: () => ApiError }> {
  const config = apiConfig;
  const path = fillPath(spec);
  const headers: Record<string, string> = { Accept: "application/json" };
  Object.assign(
    headers,
    typeof config.headers === "function"
      ? await config.headers()
      : config.headers,
  );
  for (const [name, value] of Object.entries(spec.headers ?? {})) {
    if (value !== undefined && value !== null) {
      headers[name] = headerValue(spec.operation, name, value);
    }
  }
  const query: [string, string][] = [];
  const cookies: [string, string][] = [];
  for (const [name, value] of Object.entries(spec.cookies ?? {})) {
    if (value !== undefined && value !== null) {
      cookies.push([name, headerValue(spec.operation, name, value)]);
    }
  }
  await applySecurity(config, spec, headers, query, cookies);
  if (cookies.length > 0) headers["Cookie"] = cookieHeader(cookies);
  const init: RequestInit = { method: spec.method, headers };
  if (spec.body !== undefined) {
    if (spec.bodyType === "raw") {
      init.body = spec.body as BodyInit;
      if (spec.contentType) headers["Content-Type"] = spec.contentType;
    } else {
      init.body = JSON.stringify(spec.body);
      headers["Content-Type"] = spec.contentType ?? "application/json";
    }
  }
  Object.assign(headers, spec.options?.headers);

  const timeoutMs = spec.options?.timeoutMs ?? config.timeoutMs ??
    DEFAULT_TIMEOUT_MS;
  const timeout = timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined;
  const signals = [spec.options?.signal, timeout].filter((
    s,
  ): s is AbortSignal => s !== undefined);
  if (signals.length > 0) {
    init.signal = signals.length === 1 ? signals[0]! : AbortSignal.any(signals);
  }

  const send = config.fetch ?? globalThis.fetch;
  const url = config.baseUrl.replace(/\/+$/, "") + path +
    queryString(spec.query, query);
  let response: Response;
  let body: { text: string; json?: { value: unknown } };
  try {
    response = await send(url, init);
    body = await readBody(response);
  } catch (error) {
    // the caller's own abort stays an AbortError (TanStack Query expects one); the timeout gets its own error
    if (timeout?.aborted && !spec.options?.signal?.aborted) {
      throw new ApiTimeoutError(spec.operation, timeoutMs);
    }
    throw error;
  }
  const contentType = response.headers.get("content-type") ?? "";
  const excerpt = body.text.slice(0, EXCERPT_LENGTH);
  const data = body.json
    ? body.json.value
    : body.text === ""
    ? undefined
    : body.text;
  if (!response.ok) {
    throw new ApiError(
      spec.operation,
      response.status,
      response.statusText,
      data,
      { contentType, excerpt },
    );
  }
  const fail = () =>
    new ApiError(spec.operation, response.status, response.statusText, data, {
      contentType,
      excerpt,
      reason: "invalid",
    });
  if (!spec.answer) return { value: data as T, data, fail };
  if (!body.json) {
    throw new ApiError(
      spec.operation,
      response.status,
      response.statusText,
      data,
      {
        contentType,
        excerpt,
        reason: "not-json",
      },
    );
  }
  try {
    return { value: spec.answer.parse(at(data, spec.at)), data, fail };
  } catch {
    throw fail();
  }
}

/**
 * The value of an own property of a JSON object, or undefined.
 * @internal
 */
export function field(data: unknown, key: string): unknown {
  if (
    typeof data !== "object" || data === null ||
    !Object.prototype.hasOwnProperty.call(data, key)
  ) return undefined;
  return (data as Record<string, unknown>)[key];
}
