/**
 * Carrying out a write plan ({@link applyPlan}) as close to all-or-nothing as a file system allows, and
 * recovering from a run that was killed halfway ({@link recoverInterruptedRun}).
 *
 * How a run writes, given a plan:
 * 1. **Stage** (nothing visible changes): every top-level folder with a change is rebuilt complete in
 *    `<dir>/.sync-patterns-stage-<id>/<folder>`: its unchanged files are hard-linked (copied, with their
 *    times, where links are not supported), new content is written, removed files are left out. A
 *    changed file at the top level is written to a temporary file beside it. Folders keep their permissions. A failure here removes the
 *    stage and the temporary files: the output is as it was.
 * 2. **Swap**: each staged folder replaces the live one with two renames (the live folder goes to
 *    `<dir>/.sync-patterns-old-<id>/`, the staged one takes its place); each top-level file is renamed
 *    over its target. Then the old folders are deleted.
 *
 * A kill at any point leaves every folder either complete-old or complete-new, with one exception a
 * file system without an atomic directory exchange cannot avoid: between a folder's two renames, the
 * folder is missing (its old version waits in `.sync-patterns-old-<id>/`). The next run puts it back
 * before it plans ({@link recoverInterruptedRun}). Top-level files are each old or new, never partial.
 *
 * @module
 */
import { join } from "node:path";
import type { WritePlan } from "./fs.ts";

/** Suffix of our temporary files, so a crash leftover is recognisable. */
export const TEMP_SUFFIX = ".sync-patterns.tmp";

const STAGE_PREFIX = ".sync-patterns-stage-";
const OLD_PREFIX = ".sync-patterns-old-";

/** What {@link applyPlan} did. */
export interface ApplyResult {
  /** Files written. */
  written: number;
  /** Stale files removed. */
  removed: number;
  /** Directories removed because they became empty. */
  removedDirs: string[];
}

/**
 * The file-system calls the writer makes: `Deno`'s by default ({@link DENO_FS}); tests wrap them to
 * inject failures (a full disk) or to pause between steps (to kill a run halfway).
 */
export interface WriterFs {
  /** Like {@link Deno.lstat}. */
  lstat(path: string): Promise<Deno.FileInfo>;
  /** Like {@link Deno.mkdir}. */
  mkdir(path: string, options?: Deno.MkdirOptions): Promise<void>;
  /** Like {@link Deno.writeTextFile}. */
  writeTextFile(path: string, data: string, options?: Deno.WriteFileOptions): Promise<void>;
  /** Like {@link Deno.rename}. */
  rename(from: string, to: string): Promise<void>;
  /** Like {@link Deno.remove}. */
  remove(path: string, options?: Deno.RemoveOptions): Promise<void>;
  /** Like {@link Deno.link}. */
  link(existing: string, newPath: string): Promise<void>;
  /** Like {@link Deno.copyFile}. */
  copyFile(from: string, to: string): Promise<void>;
  /** Like {@link Deno.chmod}. */
  chmod(path: string, mode: number): Promise<void>;
  /** Like {@link Deno.utime}. */
  utime(path: string, atime: Date, mtime: Date): Promise<void>;
  /** Like {@link Deno.readLink}. */
  readLink(path: string): Promise<string>;
  /** Like {@link Deno.symlink}. */
  symlink(target: string, path: string): Promise<void>;
  /** Like {@link Deno.readDir}, collected. */
  readDir(path: string): Promise<Deno.DirEntry[]>;
}

/**
 * The real file system. Each call is Deno's synchronous one: a run makes hundreds of small calls (a write, a link, a
 * rename per file), and a synchronous call costs microseconds where an asynchronous one waits for a thread of the
 * pool. Measured on the GitHub output (388 files, 4.5 MB, 2 busy cores): 388 `lstat` calls take 4 ms against 27–65 ms;
 * the writes 16–49 ms against 36–81 ms; writing in parallel (all at once, or 4 to 16 at a time) took 21–38 ms: no gain.
 */
export const DENO_FS: WriterFs = {
  lstat: (p) => asPromise(() => Deno.lstatSync(p)),
  mkdir: (p, o) => asPromise(() => Deno.mkdirSync(p, o)),
  writeTextFile: (p, d, o) => asPromise(() => Deno.writeTextFileSync(p, d, o)),
  rename: (a, b) => asPromise(() => Deno.renameSync(a, b)),
  remove: (p, o) => asPromise(() => Deno.removeSync(p, o)),
  link: (a, b) => asPromise(() => Deno.linkSync(a, b)),
  copyFile: (a, b) => asPromise(() => Deno.copyFileSync(a, b)),
  chmod: (p, m) => asPromise(() => Deno.chmodSync(p, m)),
  utime: (p, a, m) => asPromise(() => Deno.utimeSync(p, a, m)),
  readLink: (p) => asPromise(() => Deno.readLinkSync(p)),
  symlink: (t, p) => asPromise(() => Deno.symlinkSync(t, p)),
  readDir: (p) => asPromise(() => [...Deno.readDirSync(p)]),
};

/**
 * Runs a synchronous call and hands back its result, or its error, as a promise: the writer's calls are promises
 * (tests wrap them in pauses), while the real ones are synchronous.
 */
export function asPromise<T>(call: () => T): Promise<T> {
  try {
    return Promise.resolve(call());
  } catch (e) {
    return Promise.reject(e);
  }
}

/** True for the name of a temporary file or folder of ours (a leftover when no run is active). */
export function isOurTempName(name: string): boolean {
  return name.endsWith(TEMP_SUFFIX) || name.startsWith(STAGE_PREFIX) || name.startsWith(OLD_PREFIX);
}

/**
 * Carries out a plan from `planWrite` (see the module doc for the stages and what a kill leaves), then
 * removes the plan's leftover temporary files. Call it while holding the output's lock (`lock.ts`).
 *
 * @param plan a plan without conflicts
 * @param fs the file-system calls to use
 * @returns what was written and removed
 * @throws {Error} when the plan has conflicts (a caller bug), or on an I/O failure (after undoing what
 *   it can: a failure before the swap leaves the output as it was)
 */
export async function applyPlan(plan: WritePlan, fs: WriterFs = DENO_FS): Promise<ApplyResult> {
  if (plan.conflicts.length > 0) throw new Error("Refusing to apply a write plan that has conflicts");
  const root = plan.outputDir;
  const id = crypto.randomUUID().slice(0, 8);
  const stageRoot = join(root, STAGE_PREFIX + id);
  const oldRoot = join(root, OLD_PREFIX + id);

  // What changes, per top-level folder ("" for files at the top level).
  const folders = new Map<string, { writes: Map<string, string>; removes: Set<string> }>();
  const folderOf = (path: string) => {
    const slash = path.indexOf("/");
    const name = slash === -1 ? "" : path.slice(0, slash);
    let f = folders.get(name);
    if (!f) folders.set(name, f = { writes: new Map(), removes: new Set() });
    return f;
  };
  for (const w of plan.writes) folderOf(w.path).writes.set(w.path, w.content);
  for (const p of plan.remove) folderOf(p).removes.add(p);
  const top = folders.get("") ?? { writes: new Map<string, string>(), removes: new Set<string>() };
  folders.delete("");
  const staged = [...folders.keys()].sort();

  await fs.mkdir(root, { recursive: true });
  const removedDirs: string[] = [];
  const gone = new Set<string>(); // staged folders that end up empty: removed, not replaced
  const existing = new Set<string>();
  const temps: { temp: string; target: string }[] = [];
  try {
    for (const name of staged) {
      const f = folders.get(name)!;
      const live = join(root, name);
      const stage = join(stageRoot, name);
      await fs.mkdir(stage, { recursive: true });
      const liveInfo = await lstatOrNull(fs, live);
      if (liveInfo) {
        existing.add(name);
        await keepMode(fs, stage, liveInfo);
        await copyTree(fs, live, stage, name, new Set([...f.writes.keys(), ...f.removes]));
      }
      const made = new Set<string>([name]); // the stage's folders that exist: one mkdir each
      for (const [path, content] of f.writes) {
        const parts = path.split("/");
        for (let i = 2; i < parts.length; i++) {
          const dir = parts.slice(0, i).join("/");
          if (made.has(dir)) continue;
          made.add(dir);
          if (!(await lstatOrNull(fs, join(stageRoot, ...parts.slice(0, i))))) {
            await fs.mkdir(join(stageRoot, ...parts.slice(0, i)));
          }
        }
        await fs.writeTextFile(join(stageRoot, ...parts), content, { createNew: true });
      }
      for (const d of emptiedDirs(f.removes)) {
        const dir = join(stageRoot, ...d.split("/"));
        if (!(await lstatOrNull(fs, dir))?.isDirectory || (await fs.readDir(dir)).length > 0) continue;
        await fs.remove(dir);
        removedDirs.push(d);
        if (d === name) gone.add(name);
      }
    }
    if (existing.size > 0) await fs.mkdir(oldRoot);
    for (const [path, content] of top.writes) {
      const target = join(root, path);
      const temp = join(root, `.${path}.${id}${TEMP_SUFFIX}`);
      temps.push({ temp, target });
      await fs.writeTextFile(temp, content, { createNew: true });
    }
  } catch (e) {
    for (const { temp } of temps) await fs.remove(temp).catch(() => {});
    await fs.remove(stageRoot, { recursive: true }).catch(() => {});
    await fs.remove(oldRoot, { recursive: true }).catch(() => {});
    throw e;
  }

  let renamed = 0;
  try {
    for (const name of staged) {
      if (existing.has(name)) await fs.rename(join(root, name), join(oldRoot, name));
      if (!gone.has(name)) await fs.rename(join(stageRoot, name), join(root, name));
    }
    for (const { temp, target } of temps) {
      await fs.rename(temp, target);
      renamed++;
    }
  } catch (e) {
    for (const { temp } of temps.slice(renamed)) await fs.remove(temp).catch(() => {});
    await recoverInterruptedRun(root, fs).catch(() => {});
    throw e;
  }

  let removed = 0;
  for (const f of folders.values()) removed += f.removes.size;
  for (const p of top.removes) {
    try {
      await fs.remove(join(root, p));
      removed++;
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
  }
  for (const p of plan.leftovers) await fs.remove(join(root, ...p.split("/"))).catch(() => {});
  await fs.remove(oldRoot, { recursive: true }).catch(() => {});
  await fs.remove(stageRoot, { recursive: true }).catch(() => {});
  removedDirs.sort((a, b) => b.split("/").length - a.split("/").length || (a < b ? -1 : 1));
  return { written: plan.writes.length, removed, removedDirs };
}

/**
 * Undoes what a killed run left in `root`: a folder that is missing while its old version waits in
 * `.sync-patterns-old-<id>/` is put back; stages, old folders and temporary files at the top level are
 * deleted. Call it while holding the output's lock, before planning. Deeper temporary files of earlier
 * versions are found by `planWrite` (`leftovers`) and removed by {@link applyPlan}.
 *
 * @param root the absolute output directory
 * @param fs the file-system calls to use
 * @returns the folders put back
 */
export async function recoverInterruptedRun(root: string, fs: WriterFs = DENO_FS): Promise<string[]> {
  const restored: string[] = [];
  let entries: Deno.DirEntry[];
  try {
    entries = await fs.readDir(root);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return restored;
    throw e;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const path = join(root, e.name);
    if (e.isDirectory && e.name.startsWith(OLD_PREFIX)) {
      for (const kept of (await fs.readDir(path)).map((k) => k.name).sort()) {
        if (await lstatOrNull(fs, join(root, kept))) continue;
        await fs.rename(join(path, kept), join(root, kept));
        restored.push(kept);
      }
      await fs.remove(path, { recursive: true });
    } else if (e.isDirectory && e.name.startsWith(STAGE_PREFIX)) {
      await fs.remove(path, { recursive: true });
    } else if (!e.isDirectory && e.name.endsWith(TEMP_SUFFIX)) {
      await fs.remove(path);
    }
  }
  return restored;
}

/**
 * Rebuilds the tree `from` (the live folder `rel`) at `to`, leaving out the `/`-separated paths in
 * `skip`: files as hard links (so unchanged files keep their inode and times), or copies with their
 * times where the file system has no links; symbolic links as links; every directory, even an empty one.
 */
async function copyTree(fs: WriterFs, from: string, to: string, rel: string, skip: Set<string>): Promise<void> {
  const pending: [string, string, string][] = [[from, to, rel]];
  let canLink = true;
  while (pending.length > 0) {
    const [src, dst, r] = pending.pop()!;
    for (const e of await fs.readDir(src)) {
      const path = `${r}/${e.name}`;
      if (skip.has(path)) continue;
      const s = join(src, e.name);
      const d = join(dst, e.name);
      if (e.isSymlink) {
        await fs.symlink(await fs.readLink(s), d);
      } else if (e.isDirectory) {
        await fs.mkdir(d);
        await keepMode(fs, d, await fs.lstat(s));
        pending.push([s, d, path]);
      } else {
        if (canLink) {
          try {
            await fs.link(s, d);
            continue;
          } catch {
            canLink = false; // e.g. FAT or some network file systems
          }
        }
        await fs.copyFile(s, d);
        const info = await fs.lstat(s);
        if (info.mtime) await fs.utime(d, info.atime ?? info.mtime, info.mtime);
      }
    }
  }
}

/** Gives a staged folder the permissions of the live one it replaces (where the platform has modes). */
async function keepMode(fs: WriterFs, dir: string, live: Deno.FileInfo): Promise<void> {
  if (live.mode !== null) await fs.chmod(dir, live.mode & 0o7777);
}

/** The folders above removed files, deepest first: those a removal may leave empty. */
function emptiedDirs(removes: Set<string>): string[] {
  const dirs = new Set<string>();
  for (const p of removes) {
    const parts = p.split("/");
    for (let i = parts.length - 1; i >= 1; i--) dirs.add(parts.slice(0, i).join("/"));
  }
  return [...dirs].sort((a, b) => b.split("/").length - a.split("/").length || (a < b ? -1 : 1));
}

async function lstatOrNull(fs: WriterFs, path: string): Promise<Deno.FileInfo | null> {
  try {
    return await fs.lstat(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound || e instanceof Deno.errors.NotADirectory) return null;
    throw e;
  }
}
