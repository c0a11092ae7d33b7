/**
 * Tests that need something a machine may lack (Chromium, the shared spec folder, emitters far enough along):
 * skipped locally with a message saying why, but run, and failed with that message, in CI (`CI=true`), where
 * a missing tool or folder means the suite did not test what it claims to.
 *
 * ```ts ignore
 * const browser = requirement("Chromium", chromiumPath !== undefined, "install chromium or set CHROMIUM_PATH");
 * Deno.test({ name: "…", ignore: browser.ignore, fn() { browser.assert(); … } });
 * ```
 *
 * @module
 */

/** True when the tests run in CI (`CI=true`, as GitHub Actions, GitLab and most CI services set it). */
export const IN_CI: boolean = readCi();

/** What a test needs, and whether it is there. */
export interface Requirement {
  /** For `Deno.test`'s `ignore`: true only when it is missing and not in CI. */
  ignore: boolean;
  /** Throws, with the reason, when it is missing: call it first in the test (it fails in CI). */
  assert(): void;
}

/**
 * Describes something tests need; logs once why they are skipped when it is missing outside CI.
 *
 * @param what what is needed, for messages ("Chromium")
 * @param available whether it is there
 * @param hint how to get it, for messages
 */
export function requirement(what: string, available: boolean, hint: string): Requirement {
  const reason = `${what} is missing: ${hint}`;
  if (!available && !IN_CI) console.warn(`\n[skipped] ${reason} (in CI, with CI=true, this is a failure)\n`);
  return {
    ignore: !available && !IN_CI,
    assert() {
      if (!available) {
        throw new Error(`${reason} (CI=true: a missing requirement fails the test instead of skipping it)`);
      }
    },
  };
}

function readCi(): boolean {
  try {
    if (Deno.permissions.querySync({ name: "env", variable: "CI" }).state !== "granted") return false;
    return /^(true|1)$/i.test(Deno.env.get("CI") ?? "");
  } catch {
    return false;
  }
}
