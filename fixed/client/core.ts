/** How the client reaches the API; set it once with {@link configureApi}. */
export interface ApiConfig {
  /** Prefix of every request path, e.g. "https://api.example.com"; "" for the page's own origin. */
  baseUrl: string;
  /** Headers for every request, or a function that returns them for each request. */
  headers?:
    | Record<string, string>
    | (() => Record<string, string> | Promise<Record<string, string>>);
  /** Returns the bearer token for the Authorization header; no header when it returns nothing. */
  getAuthToken?: () =>
    | string
    | null
    | undefined
    | Promise<string | null | undefined>;
  /** The fetch to call (tests, server rendering, instrumentation); the global fetch by default. */
  fetch?: typeof fetch;
}

/** Options of one call. */
export interface CallOptions {
  /** Aborts the request (TanStack Query passes one to every query function). */
  signal?: AbortSignal | undefined;
  /** Headers for this call only; they win over the configured ones. */
  headers?: Record<string, string> | undefined;
}

let apiConfig: ApiConfig = { baseUrl: "" };

/**
 * Sets the client's configuration, merged over the current one.
 *
 * @example
 * configureApi({ baseUrl: "https://api.example.com", getAuthToken: () => localStorage.getItem("token") });
 */
export function configureApi(config: Partial<ApiConfig>): void {
  apiConfig = { ...apiConfig, ...config };
}

/** The current configuration. */
export function getApiConfig(): Readonly<ApiConfig> {
  return apiConfig;
}

/** An answer of the API with a status outside 200-299. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  /** The operation id, e.g. "getOrder". */
  readonly operation: string;
  /** The HTTP status, e.g. 404. */
  readonly status: number;
  readonly statusText: string;
  /** The answer's body: parsed JSON when its content type says JSON, else text, or undefined when empty. */
  readonly body: unknown;

  constructor(
    operation: string,
    status: number,
    statusText: string,
    body: unknown,
  ) {
    super(
      operation + " failed with status " + status +
        (statusText ? " " + statusText : ""),
    );
    this.operation = operation;
    this.status = status;
    this.statusText = statusText;
    this.body = body;
  }
}

/**
 * One request as an operation describes it.
 * @internal
 */
export interface RequestSpec {
  operation: string;
  method: string;
  /** The path with its parameters already encoded. */
  path: string;
  query?: object | undefined;
  body?: unknown;
  /** "json" (the default) sends JSON.stringify(body); "raw" sends the body as it is (FormData, Blob, text). */
  bodyType?: "json" | "raw";
  contentType?: string;
  options?: CallOptions | undefined;
}

/** "?a=1&b=x&b=y" for the defined values of params (arrays as repeated keys), or "". */
function queryString(params: object | undefined): string {
  if (params === undefined || params === null) return "";
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params) as [string, unknown][]) {
    const items: unknown[] = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (item === undefined || item === null) continue;
      search.append(
        key,
        typeof item === "object" ? JSON.stringify(item) : String(item),
      );
    }
  }
  const text = search.toString();
  return text === "" ? "" : "?" + text;
}

/** The body of an answer: undefined when empty, parsed JSON when the content type says JSON, else text. */
async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return undefined;
  const text = await response.text();
  if (text === "") return undefined;
  if (/json/i.test(response.headers.get("content-type") ?? "")) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * Sends one request and returns its parsed body; throws ApiError for a status outside 200-299.
 * @internal
 */
export async function request(spec: RequestSpec): Promise<unknown> {
  const config = apiConfig;
  const headers: Record<string, string> = { Accept: "application/json" };
  Object.assign(
    headers,
    typeof config.headers === "function"
      ? await config.headers()
      : config.headers,
  );
  const token = config.getAuthToken ? await config.getAuthToken() : undefined;
  if (token) headers["Authorization"] = "Bearer " + token;
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
  if (spec.options?.signal) init.signal = spec.options.signal;
  const send = config.fetch ?? globalThis.fetch;
  const url = config.baseUrl.replace(/\/+$/, "") + spec.path +
    queryString(spec.query);
  const response = await send(url, init);
  const data = await readBody(response);
  if (!response.ok) {
    throw new ApiError(
      spec.operation,
      response.status,
      response.statusText,
      data,
    );
  }
  return data;
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
