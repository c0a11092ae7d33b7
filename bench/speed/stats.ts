/**
 * The pure arithmetic of the speed bench (issue 13): target verdicts with their factor, the generate/parse ratio,
 * linearity of the synthetic series against its 1× row, and the number formats of the table. No I/O, no clock.
 *
 * @module
 */

/** A target a value must stay at or under (`≤ limit`) or strictly under (`< limit`). */
export interface Target {
  limit: number;
  /** `true`: the value must be below the limit; `false`: at or below it. */
  strict?: boolean;
}

/** `ok` or `MISSED 1.62×`: the verdict of `value` against `target`, the factor being value ÷ limit. */
export function verdict(value: number, target: Target): string {
  const ok = target.strict ? value < target.limit : value <= target.limit;
  return ok ? "ok" : `MISSED ${factor(value / target.limit)}`;
}

/** `2.35×` (two decimals under 10, one under 100, none above). */
export function factor(x: number): string {
  if (!Number.isFinite(x)) return "–";
  return `${x.toFixed(x < 10 ? 2 : x < 100 ? 1 : 0)}×`;
}

/** The issue's generate/parse targets: at most 2× `JSON.parse` on GitHub, 3× on Stripe and Box. */
export const RATIO_TARGETS: Readonly<Record<string, Target>> = {
  github: { limit: 2 },
  stripe: { limit: 3 },
  box: { limit: 3 },
};

/** The issue's cold whole-CLI targets in milliseconds: GitHub under 0.25 s, Box under 0.1 s. */
export const CLI_TARGETS: Readonly<Record<string, Target>> = {
  github: { limit: 250, strict: true },
  box: { limit: 100, strict: true },
};

/** Peak RSS of the GitHub CLI under 120 MB; `deno check` of its output under 4 s and 500 MB. */
export const GITHUB_RSS_TARGET: Target = { limit: 120, strict: true };
/** `deno check` of the whole GitHub output: under 4 s. */
export const CHECK_MS_TARGET: Target = { limit: 4000, strict: true };
/** `deno check` of the whole GitHub output: under 500 MB. */
export const CHECK_RSS_TARGET: Target = { limit: 500, strict: true };
/** Regenerating the sales spec after a one-line edit, warm: under 5 ms. */
export const EDIT_TARGET: Target = { limit: 5, strict: true };
/** Time and memory per MB of a synthetic spec within 1.5× of the 1× spec's. */
export const LINEAR_TARGET: Target = { limit: 1.5 };

/** One synthetic measurement: its input size and what it cost. */
export interface ScalePoint {
  /** Spec size in bytes. */
  bytes: number;
  /** Warm `generate()` milliseconds. */
  ms: number;
  /** Memory `generate()` added to its process (peak RSS over the RSS before reading the spec), MiB. */
  rssMiB?: number;
}

/** Cost per MB of `point` relative to the cost per MB of `base` (1 = linear; 2 = twice the cost per byte). */
export interface Linearity {
  time: number;
  rss?: number;
}

/** {@link Linearity} of `point` against `base` (the 1× spec). */
export function linearity(point: ScalePoint, base: ScalePoint): Linearity {
  const perByte = (value: number, bytes: number) => value / bytes;
  const time = perByte(point.ms, point.bytes) / perByte(base.ms, base.bytes);
  const rss = point.rssMiB !== undefined && base.rssMiB !== undefined && base.rssMiB > 0
    ? perByte(point.rssMiB, point.bytes) / perByte(base.rssMiB, base.bytes)
    : undefined;
  return { time, rss };
}

/** A linearity cell: `1.23× ok`, `2.10× MISSED 1.40×`, or `–` when there is nothing to compare. */
export function linearityCell(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return "–";
  return `${factor(value)} ${verdict(value, LINEAR_TARGET)}`;
}

/** `12.3 ms` under a second, `1.23 s` above. */
export function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 2 : 1)} ms`;
}

/** A byte count as `880 KB`, `2.4 MB`, `13.2 MB` (decimal units, as the issue writes sizes). */
export function size(bytes: number): string {
  if (bytes < 1e6) return `${Math.round(bytes / 1e3)} KB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** MiB as `143 MB` (RSS, as `/usr/bin/time` reports it, in binary megabytes). */
export function mib(value: number | undefined): string {
  return value === undefined ? "–" : `${Math.round(value)} MB`;
}

/** `12,345`. */
export function count(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Lines of a text: newlines, plus one for a last line without one. */
export function lineCount(text: string): number {
  let lines = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lines++;
  return text.length > 0 && !text.endsWith("\n") ? lines + 1 : lines;
}

/** The middle value (the mean of the two middle ones for an even count); `NaN` for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * The peak RSS in MiB from the stderr of `/usr/bin/time -f %M …` (its last line, in KiB), and the command's own
 * stderr without that line; `rssMiB` is `undefined` when the last line is not a number.
 */
export function splitTimeOutput(stderr: string): { rssMiB?: number; stderr: string } {
  const lines = stderr.replace(/\n+$/, "").split("\n");
  const last = lines.at(-1) ?? "";
  if (!/^\d+$/.test(last.trim())) return { stderr };
  return { rssMiB: Number(last.trim()) / 1024, stderr: lines.slice(0, -1).join("\n") };
}

/**
 * What a `deno check` run found: the count of TypeScript errors (`Found N errors`), and for a failure without any
 * (a syntax error, a missing module) its first line and the generated file it names.
 */
export function checkOutcome(output: string, code: number): { errors: number; note?: string } {
  const found = /Found (\d+) errors?/.exec(output);
  const errors = found ? Number(found[1]) : /TS\d+ \[ERROR\]/.test(output) ? 1 : 0;
  if (code === 0 || errors > 0) return { errors };
  const at = /at file:\/\/\/\S*?\/generated\/(\S+)/.exec(output)?.[1];
  return { errors, note: `${output.trim().split("\n")[0]}${at ? ` at ${at}` : ""}` };
}
