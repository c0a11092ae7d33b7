/**
 * The runtime bench's results and their table: requests per action and timings, each beside the target of
 * issue 9, marked met or missed.
 *
 * @module
 */
import { abbreviateUrl, checkTarget, type RequestCount, type RequestTarget, totalRequests } from "./requests.ts";
import type { Summary } from "./stats.ts";

/** The requests one action sent. */
export interface ActionResult {
  id: string;
  /** What the action is, e.g. `first load of useOrders({ include: ["customer"] })`. */
  label: string;
  targets: RequestTarget[];
  /** The requests counted until quiet; absent when the action failed. */
  requests?: RequestCount[];
  /** Fetches the client started, aborted ones included (the server never sees an aborted one). */
  started?: number;
  /** Milliseconds from the action to quiet (or to loaded). */
  ms?: number;
  /** Why the action could not be measured (it threw, or timed out). */
  error?: string;
}

/** A timing over repeated samples. */
export interface TimingResult {
  id: string;
  label: string;
  /** The target: the median must be below this many milliseconds. */
  targetMs: number;
  summary?: Summary;
  /** The same measure on TanStack DB alone, when there is one (the floor). */
  floor?: Summary;
  error?: string;
}

/** Everything the bench measured. */
export interface BenchResult {
  /** Rows per table, Deno version, load average, … */
  meta: Record<string, string | number>;
  actions: ActionResult[];
  timings: TimingResult[];
}

/** A text table with left-aligned columns (the first row is the header). */
export function textTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  const line = (row: readonly string[]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join("  ").trimEnd();
  const [head, ...body] = rows;
  if (!head) return "";
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

/** `met` when every check passed, else `missed: …` with what was seen. */
export function verdict(result: ActionResult): { target: string; verdict: string } {
  const target = result.targets.map((t) => checkTarget(t, []).target).join("; ");
  if (result.error !== undefined || !result.requests) return { target, verdict: "error" };
  const missed = result.targets.map((t) => checkTarget(t, result.requests!)).filter((c) => !c.met);
  return { target, verdict: missed.length ? `missed: ${missed.map((c) => c.seen).join("; ")}` : "met" };
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0));

/** The bench's table; with `details`, the request list of each action below it. */
export function formatReport(result: BenchResult, details = false): string {
  const out: string[] = [];
  out.push("Requests per action");
  const actionRows = [["", "action", "requests (started)", "target", "verdict"]];
  for (const action of result.actions) {
    const { target, verdict: v } = verdict(action);
    const count = action.requests
      ? `${totalRequests(action.requests)}${action.started === undefined ? "" : ` (${action.started})`}`
      : "-";
    actionRows.push([
      action.id,
      action.label,
      count,
      target,
      action.error !== undefined ? `error: ${action.error}` : v,
    ]);
  }
  out.push(textTable(actionRows));
  out.push("");
  out.push("Times (ms)");
  const timingRows = [["", "measure", "n", "median", "p95", "TanStack DB alone", "target", "verdict"]];
  for (const timing of result.timings) {
    const target = `median < ${timing.targetMs} ms`;
    if (timing.error !== undefined || !timing.summary) {
      timingRows.push([timing.id, timing.label, "-", "-", "-", "", target, `error: ${timing.error ?? "no samples"}`]);
      continue;
    }
    const { n, median, p95 } = timing.summary;
    const floor = timing.floor ? `median ${fmt(timing.floor.median)}, p95 ${fmt(timing.floor.p95)}` : "";
    const met = median < timing.targetMs;
    timingRows.push([timing.id, timing.label, String(n), fmt(median), fmt(p95), floor, target, met ? "met" : "missed"]);
  }
  out.push(textTable(timingRows));
  if (details) {
    for (const action of result.actions) {
      out.push("");
      out.push(`${action.id}. ${action.label}${action.ms === undefined ? "" : ` (${fmt(action.ms)} ms)`}`);
      if (action.error !== undefined) out.push(`  error: ${action.error}`);
      const requests = action.requests ?? [];
      if (requests.length === 0 && action.error === undefined) out.push("  no requests");
      for (const r of requests) out.push(`  ${String(r.count).padStart(4)}  ${r.method} ${abbreviateUrl(r.url)}`);
    }
  }
  return out.join("\n");
}
