/**
 * Installs the peers of `bench/peers/package.json` (pinned exact) into the bench cache once, and times each on a
 * spec as a whole process: a fresh folder per run holding its config (from `bench/peers/`) and its output.
 *
 * @module
 */
import { join } from "node:path";
import { CACHE, exec, exists, ROOT } from "../lib.ts";
import { timedProcess } from "./process.ts";
import { fillConfig, installHash, type Peer, type PeerOutcome, peerOutcome, satisfiesNode } from "./peers.ts";
import { median } from "./stats.ts";

const PEERS_DIR = join(ROOT, "bench", "peers");

/** How a peer is started, and its installed version. */
export interface InstalledPeer {
  peer: Peer;
  version: string;
  /** `node` when the installed Node meets the package's `engines.node`, else `deno` (Node-compatible). */
  runtime: "node" | "deno";
  command: string[];
}

/**
 * `npm install` of `bench/peers/package.json` into `<cache>/peers-<hash of that file>/` unless done before, and how
 * to start each peer there.
 */
export async function installPeers(peers: readonly Peer[]): Promise<{ dir: string; installed: InstalledPeer[] }> {
  const manifest = await Deno.readTextFile(join(PEERS_DIR, "package.json"));
  const dir = join(CACHE, `peers-${await installHash(manifest)}`);
  if (!await exists(join(dir, ".done"))) {
    await Deno.mkdir(dir, { recursive: true });
    await Deno.writeTextFile(join(dir, "package.json"), manifest);
    console.error(`installing the peers with npm into ${dir} (once) …`);
    await exec("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], dir);
    await Deno.writeTextFile(join(dir, ".done"), manifest);
  }
  let nodeVersion = "0.0.0";
  try {
    nodeVersion = (await exec("node", ["--version"])).trim();
  } catch {
    // no Node: every peer runs on Deno
  }
  const installed = await Promise.all(peers.map(async (peer) => {
    const root = join(dir, "node_modules", peer.packageName);
    const pkg = JSON.parse(await Deno.readTextFile(join(root, "package.json")));
    const bin = join(root, typeof pkg.bin === "string" ? pkg.bin : pkg.bin[peer.bin]);
    const runtime: "node" | "deno" = nodeVersion !== "0.0.0" && satisfiesNode(pkg.engines?.node, nodeVersion)
      ? "node"
      : "deno";
    const command = runtime === "node" ? ["node", bin] : [Deno.execPath(), "run", "-A", bin];
    return { peer, version: String(pkg.version), runtime, command };
  }));
  return { dir, installed };
}

/** One peer on one spec: the median of its runs, or how it failed. */
export interface PeerTiming extends PeerOutcome {
  ms?: number;
  rssMiB?: number;
  runs: number[];
}

async function countFiles(dir: string): Promise<number> {
  let n = 0;
  try {
    for await (const entry of Deno.readDir(dir)) {
      n += entry.isDirectory ? await countFiles(join(dir, entry.name)) : 1;
    }
  } catch {
    // no output folder
  }
  return n;
}

/**
 * Runs `tool` on `specPath` up to `runs` times (stopping at the first run that is not ok), each bounded by
 * `timeoutSeconds`, in a fresh folder under the install (so that a config's imports resolve).
 */
export async function timePeer(
  tool: InstalledPeer,
  installDir: string,
  specPath: string,
  runs: number,
  timeoutSeconds: number,
): Promise<PeerTiming> {
  const template = await Deno.readTextFile(join(PEERS_DIR, tool.peer.config));
  const times: number[] = [];
  const rss: number[] = [];
  await Deno.mkdir(join(installDir, "runs"), { recursive: true });
  for (let i = 0; i < runs; i++) {
    const work = await Deno.makeTempDir({ dir: join(installDir, "runs"), prefix: `${tool.peer.name}-` });
    const out = join(work, "out");
    const config = join(work, tool.peer.config);
    await Deno.writeTextFile(config, fillConfig(template, specPath, out));
    const run = await timedProcess(tool.command[0], [...tool.command.slice(1), ...tool.peer.args(config)], {
      cwd: work,
      env: { NO_COLOR: "1", CI: "true" },
      timeoutSeconds,
    });
    const outcome = peerOutcome({ ...run, outputFiles: await countFiles(out) });
    await Deno.remove(work, { recursive: true }).catch(() => {});
    if (outcome.status !== "ok") {
      const note = outcome.status === "timed out" ? `over ${timeoutSeconds} s` : outcome.note;
      return { ...outcome, note, rssMiB: run.rssMiB, runs: times };
    }
    times.push(run.ms);
    if (run.rssMiB !== undefined) rss.push(run.rssMiB);
  }
  return { status: "ok", ms: median(times), rssMiB: rss.length ? median(rss) : undefined, runs: times };
}
