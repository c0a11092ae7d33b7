/**
 * One writer at a time per output directory: {@link lockOutput} takes an exclusive lock on
 * `<dir>/.sync-patterns.lock` before a run plans and writes, so concurrent runs into one directory queue up
 * instead of racing.
 *
 * The lock is an advisory `flock`-style lock held on the open file ({@link Deno.FsFile.tryLock}), not the
 * file's existence: the operating system releases it when the holder exits or is killed, so a crashed run
 * never leaves a stale lock behind. The file holds the holder's pid, for people and for the "waiting for"
 * message. The holder deletes the file before releasing the lock; a waiter that wins the lock on a file
 * that was deleted meanwhile (its inode is no longer the one at the path) opens the path again.
 *
 * Its calls are synchronous (a few microseconds each, where an asynchronous call waits for a pool thread); only the
 * wait for another run is asynchronous.
 *
 * @module
 */
import { join } from "node:path";
import { UserError } from "./errors.ts";

/** The lock file's name inside the output directory (hidden: the stale-file scan never reports it). */
export const LOCK_NAME = ".sync-patterns.lock";

/** A held lock on an output directory. */
export interface OutputLock {
  /** The absolute output directory. */
  readonly dir: string;
  /** Deletes the lock file, releases the lock and removes the output directory if this run created it and left it empty. */
  release(): Promise<void>;
}

/** Options of {@link lockOutput}. */
export interface LockOptions {
  /** Called once when another run holds the lock, with its pid when the file says. */
  onWait?: (holderPid: number | undefined) => void;
  /**
   * How often to try again while another run holds the lock, in ms.
   * @default {50}
   */
  pollMs?: number;
}

/**
 * Creates `dir` if needed and takes its lock, waiting for any other run that holds it.
 *
 * @param dir the absolute output directory
 * @param options see {@link LockOptions}
 * @returns the held lock; call {@link OutputLock.release} when done (also on failure)
 * @throws {UserError} when `dir` exists and is not a directory
 */
export async function lockOutput(dir: string, options: LockOptions = {}): Promise<OutputLock> {
  const existed = isDirectoryOrLinkToOne(dir);
  if (!existed) Deno.mkdirSync(dir, { recursive: true }); // `recursive` also tolerates a concurrent mkdir
  const path = join(dir, LOCK_NAME);
  let warned = false;
  for (;;) {
    let file: Deno.FsFile;
    try {
      file = Deno.openSync(path, { read: true, write: true, create: true });
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) {
        // the run we waited for created the directory, found nothing to do, and removed it again
        Deno.mkdirSync(dir, { recursive: true });
        continue;
      }
      // No other run can write here either; a run with nothing to change still succeeds, and one that
      // has changes fails on its first write with the same clear error.
      if (isReadOnlyError(e)) return { dir, release: () => Promise.resolve() };
      throw e;
    }
    let held = false;
    try {
      if (!file.tryLockSync(true)) {
        if (!warned) options.onWait?.(await readPid(path));
        warned = true;
        await new Promise((r) => setTimeout(r, options.pollMs ?? 50));
        continue;
      }
      // The previous holder deletes the file before it unlocks: if it did, this lock guards nothing.
      const ours = file.statSync().ino;
      const atPath = statIno(path);
      if (ours !== null && ours !== atPath) continue;
      file.truncateSync(0);
      file.writeSync(new TextEncoder().encode(`${Deno.pid}\n`));
      held = true;
      return {
        dir,
        release: () => {
          // Unlinking before unlocking is what makes the inode check above sound. Where inodes are not
          // available (Windows), the file stays: deleting it there could let two runs hold two files.
          if (ours !== null) removeQuietly(path);
          file.close();
          if (!existed) removeQuietly(dir); // only when empty: a refused first run
          return Promise.resolve();
        },
      };
    } finally {
      if (!held) file.close();
    }
  }
}

function isDirectoryOrLinkToOne(dir: string): boolean {
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(dir);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
  if (!info.isDirectory) throw new UserError(`output path '${dir}' exists and is not a directory`);
  return true;
}

function removeQuietly(path: string): void {
  try {
    Deno.removeSync(path);
  } catch {
    // gone already, or (the folder) not empty
  }
}

function statIno(path: string): number | null | undefined {
  try {
    return Deno.statSync(path).ino;
  } catch {
    return undefined;
  }
}

async function readPid(path: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt(await Deno.readTextFile(path), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isReadOnlyError(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return e instanceof Deno.errors.PermissionDenied || code === "EROFS" || code === "EACCES" || code === "EPERM";
}
