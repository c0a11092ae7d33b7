/**
 * A paired A/B of the cold CLI, whole process: two `cli.ts` files (say a checkout of main and this one) run
 * `generate` on the same specs, alternating A and B so that the machine's drift cancels out. Per spec and mode it
 * prints the median wall time, CPU time (user + system) and peak RSS of each, and the median of the B/A wall ratios.
 *
 * ```sh
 * deno run -A scripts/cli_cold_ab.ts --a ../main/cli.ts --b cli.ts --runs 7 spec.json other.yaml
 * ```
 *
 * Modes: `empty` (the output folder is removed before each run) and `full` (it holds the same output: the common
 * regenerate case); both by default, `--mode empty` or `--mode full` for one. Needs GNU `/usr/bin/time`.
 *
 * @module
 */
import { parseArgs } from "node:util";

interface Sample {
  wallMs: number;
  cpuMs: number;
  rssMiB: number;
}

const { values, positionals: specs } = parseArgs({
  args: Deno.args,
  allowPositionals: true,
  options: {
    a: { type: "string" },
    b: { type: "string" },
    runs: { type: "string", default: "7" },
    mode: { type: "string" },
  },
});
if (!values.a || !values.b || specs.length === 0) {
  console.error("usage: cli_cold_ab.ts --a <cli.ts> --b <cli.ts> [--runs N] [--mode empty|full] <spec>...");
  Deno.exit(2);
}
const sides = { A: values.a, B: values.b };
const runs = Number(values.runs);
const modes = values.mode ? [values.mode] : ["empty", "full"];
const scratch = await Deno.makeTempDir({ prefix: "cli-cold-ab-" });

async function once(cli: string, spec: string, out: string): Promise<Sample> {
  const started = performance.now();
  const result = await new Deno.Command("/usr/bin/time", {
    args: ["-f", "%U %S %M", Deno.execPath(), "run", "-A", cli, "generate", spec, "-o", out, "--quiet"],
    stdout: "null",
    stderr: "piped",
  }).output();
  const wallMs = performance.now() - started;
  const lines = new TextDecoder().decode(result.stderr).trim().split("\n");
  if (!result.success) throw new Error(`${cli} failed on ${spec}:\n${lines.join("\n")}`);
  const [user, system, rssKiB] = lines.at(-1)!.split(" ").map(Number);
  return { wallMs, cpuMs: (user + system) * 1000, rssMiB: rssKiB / 1024 };
}

function median(values: number[]): number {
  const s = [...values].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

try {
  for (const spec of specs) {
    for (const mode of modes) {
      const samples: Record<string, Sample[]> = { A: [], B: [] };
      const outOf = (side: string) => `${scratch}/${side}`;
      for (const [side, cli] of Object.entries(sides)) {
        await Deno.remove(outOf(side), { recursive: true }).catch(() => {});
        if (mode === "full") await once(cli, spec, outOf(side));
      }
      for (let i = 0; i < runs; i++) {
        for (const side of i % 2 ? ["B", "A"] : ["A", "B"]) {
          if (mode === "empty") await Deno.remove(outOf(side), { recursive: true }).catch(() => {});
          samples[side].push(await once(sides[side as "A" | "B"], spec, outOf(side)));
        }
      }
      const show = (side: string) => {
        const s = samples[side];
        const [wall, cpu, rss] = [
          median(s.map((x) => x.wallMs)),
          median(s.map((x) => x.cpuMs)),
          median(s.map((x) => x.rssMiB)),
        ];
        return `${side} ${wall.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU, ${rss.toFixed(0)} MiB`;
      };
      const ratio = median(samples.B.map((b, i) => b.wallMs / samples.A[i].wallMs));
      console.log(
        `${spec.split("/").pop()} ${mode} (n=${runs}): ${show("A")} | ${show("B")} | B/A ${ratio.toFixed(2)}`,
      );
    }
  }
} finally {
  await Deno.remove(scratch, { recursive: true });
}
