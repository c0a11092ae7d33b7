/**
 * Reads the install instructions out of the README (the `npm i -E` line, the `overrides` block, the Vite config and
 * the React example), so that tests install and build exactly what the README tells users to, and asks npm which
 * versions of a package a folder installed.
 *
 * @module
 */
import assert from "node:assert/strict";

/** The README's first fenced block of `lang` whose text contains `marker`. */
function fencedBlock(readme: string, lang: string, marker: string): string {
  for (const match of readme.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))) {
    if (match[1]!.includes(marker)) return match[1]!;
  }
  throw new assert.AssertionError({ message: `the README has no \`\`\`${lang} block with ${marker}` });
}

/** The README's React example (its first `tsx` block). */
export function readmeExample(readme: string): string {
  return fencedBlock(readme, "tsx", "");
}

/** The arguments of the README's install command (`npm i -E …`, line continuations joined), after `npm`. */
export function readmeInstallArgs(readme: string): string[] {
  const line = fencedBlock(readme, "sh", "npm i -E").replace(/\\\n/g, " ").split("\n")[0]!;
  const words = line.trim().split(/\s+/);
  assert.deepEqual(words.slice(0, 3), ["npm", "i", "-E"], "the install line starts with npm i -E");
  return words.slice(1);
}

/** The `overrides` object of the README's `package.json` block. */
export function readmeOverrides(readme: string): Record<string, string> {
  const overrides = JSON.parse(fencedBlock(readme, "json", '"overrides"')).overrides;
  assert.equal(typeof overrides, "object", "the README's package.json block has an overrides object");
  return overrides;
}

/** The README's `vite.config.ts` block. */
export function readmeViteConfig(readme: string): string {
  return fencedBlock(readme, "ts", "// vite.config.ts");
}

interface NpmTree {
  version?: string;
  dependencies?: Record<string, NpmTree>;
}

/**
 * The distinct versions of `name` installed in `dir`, from `npm ls --all --json` (what `npm ls <name>` shows).
 *
 * @param dir A folder with `package.json` and an installed `node_modules`.
 * @param name The package name.
 * @returns The versions, sorted; one entry when there is one copy.
 */
export async function installedVersions(dir: string, name: string): Promise<string[]> {
  const { stdout, stderr, code } = await new Deno.Command("npm", {
    args: ["ls", name, "--all", "--json"],
    cwd: dir,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(stdout);
  assert.equal(code, 0, `npm ls ${name} in ${dir} failed:\n${text}\n${new TextDecoder().decode(stderr)}`);
  const versions = new Set<string>();
  const walk = (tree: NpmTree) => {
    for (const [dependency, child] of Object.entries(tree.dependencies ?? {})) {
      if (dependency === name && child.version) versions.add(child.version);
      walk(child);
    }
  };
  walk(JSON.parse(text));
  return [...versions].sort();
}
