/**
 * Request counting for the runtime bench: requests as the server saw them, normalised to one line per URL
 * (`METHOD /path?query`, query parameters sorted by name so that the order a client writes them in does not
 * matter), counted, and checked against the request targets of issue 9.
 *
 * @module
 */

/** A request as the server logged it (the fields of the sales server's `RequestRecord` the bench needs). */
export interface LoggedRequest {
  method: string;
  /** The path, e.g. `/orders`. */
  path: string;
  /** The query string with its `?`, or "". */
  search: string;
}

/** How often one URL was requested. */
export interface RequestCount {
  method: string;
  /** The path and the normalised query. */
  url: string;
  count: number;
}

/** A request target of issue 9 for one action. */
export type RequestTarget =
  /** At most `max` requests in all (an `updated` event: 1; a `created` event: the active subsets). */
  | { kind: "total"; max: number; why: string }
  /** No URL requested twice (each page of a list at most once per load). */
  | { kind: "once" }
  /** No GET of `path` without one of `filters` (an include must not download the related table). */
  | { kind: "filtered"; path: string; filters: readonly string[] };

/** Whether a target was met, and what was seen. */
export interface TargetCheck {
  met: boolean;
  /** The target, e.g. `≤ 1 request`. */
  target: string;
  /** What was seen when missed, e.g. `24 requests`. */
  seen: string;
}

/**
 * The normalised URL of a request: the path, then the query parameters sorted by name (stable: repeated
 * parameters keep their order), percent-encoded as `URLSearchParams` writes them.
 */
export function normaliseUrl(path: string, search: string): string {
  const params = [...new URLSearchParams(search)];
  if (params.length === 0) return path;
  const sorted = params
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => (a.entry[0] < b.entry[0] ? -1 : a.entry[0] > b.entry[0] ? 1 : a.index - b.index))
    .map(({ entry }) => entry);
  return `${path}?${new URLSearchParams(sorted)}`;
}

/** Counts requests per method and normalised URL; the most requested first, then in order of first arrival. */
export function countRequests(requests: readonly LoggedRequest[]): RequestCount[] {
  const counts = new Map<string, RequestCount>();
  for (const request of requests) {
    const method = request.method.toUpperCase();
    const url = normaliseUrl(request.path, request.search);
    const id = `${method} ${url}`;
    const found = counts.get(id);
    if (found) found.count++;
    else counts.set(id, { method, url, count: 1 });
  }
  // Array.prototype.sort is stable: equal counts keep the Map's order, which is the order of first arrival
  return [...counts.values()].sort((a, b) => b.count - a.count);
}

/** The total of counted requests. */
export function totalRequests(counts: readonly RequestCount[]): number {
  return counts.reduce((sum, c) => sum + c.count, 0);
}

function pathOf(url: string): string {
  const q = url.indexOf("?");
  return q < 0 ? url : url.slice(0, q);
}

function paramNames(url: string): Set<string> {
  const q = url.indexOf("?");
  return new Set(q < 0 ? [] : [...new URLSearchParams(url.slice(q + 1)).keys()]);
}

/** Checks one target against the counted requests of an action. */
export function checkTarget(target: RequestTarget, counts: readonly RequestCount[]): TargetCheck {
  switch (target.kind) {
    case "total": {
      const total = totalRequests(counts);
      const plural = (n: number) => `${n} request${n === 1 ? "" : "s"}`;
      return { met: total <= target.max, target: `≤ ${plural(target.max)} (${target.why})`, seen: plural(total) };
    }
    case "once": {
      const repeated = counts.filter((c) => c.count > 1);
      return {
        met: repeated.length === 0,
        target: "each URL at most once",
        seen: `${repeated.length} URL${repeated.length === 1 ? "" : "s"} fetched more than once (max ${
          Math.max(1, ...counts.map((c) => c.count))
        }×)`,
      };
    }
    case "filtered": {
      const unfiltered = counts.filter((c) =>
        c.method === "GET" && pathOf(c.url) === target.path &&
        !target.filters.some((name) => paramNames(c.url).has(name))
      );
      const n = totalRequests(unfiltered);
      return {
        met: n === 0,
        target: `no unfiltered GET ${target.path}`,
        seen: `${n} unfiltered GET ${target.path}`,
      };
    }
  }
}

/**
 * A URL short enough for a list: a parameter given more than 3 times shows its first value and how many there
 * are (`id=…0001+49 more`), so that an id-set filter of 50 ids takes one line.
 */
export function abbreviateUrl(url: string): string {
  const q = url.indexOf("?");
  if (q < 0) return url;
  const params = [...new URLSearchParams(url.slice(q + 1))];
  const counts = new Map<string, number>();
  for (const [name] of params) counts.set(name, (counts.get(name) ?? 0) + 1);
  const shown: string[] = [];
  const done = new Set<string>();
  for (const [name, value] of params) {
    const n = counts.get(name)!;
    if (n <= 3) shown.push(new URLSearchParams([[name, value]]).toString());
    else if (!done.has(name)) {
      done.add(name);
      shown.push(`${new URLSearchParams([[name, value]])}+${n - 1} more`);
    }
  }
  return `${url.slice(0, q)}?${shown.join("&")}`;
}
