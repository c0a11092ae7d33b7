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

/**
 * The arguments, after `npm`, of the README's install commands (`sh` blocks that start with `npm i -E`, line
 * continuations joined): `[0]` the install line, `[1]` the upgrade.
 */
export function readmeInstallCommands(readme: string): string[][] {
  const commands = [...readme.matchAll(/```sh\n(npm i -E [\s\S]*?)```/g)].map((match) => {
    const line = match[1]!.replace(/\\\n/g, " ").split("\n")[0]!;
    return line.trim().split(/\s+/).slice(1);
  });
  assert.ok(commands.length > 0, "the README has an `npm i -E` install line");
  return commands;
}

/** The arguments of the README's install command (`npm i -E …`), after `npm`. */
export function readmeInstallArgs(readme: string): string[] {
  return readmeInstallCommands(readme)[0]!;
}

/** `name@version` words of an install command (after `i -E`), as a map from name to version. */
export function pinnedVersions(args: string[]): Map<string, string> {
  return new Map(
    args.slice(2).map((spec) => {
      const at = spec.lastIndexOf("@");
      return [spec.slice(0, at), spec.slice(at + 1)];
    }),
  );
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
