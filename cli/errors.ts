/**
 * The two kinds of failure the CLI reports as one line, with their exit codes.
 *
 * @module
 */

/** A mistake the user can fix (a missing file, a bad spec, a file we will not overwrite): exit code 1. */
export class UserError extends Error {
  /** The process exit code for this failure. */
  readonly exitCode: number = 1;

  /** @param message one line, no final period */
  constructor(message: string) {
    super(message);
    this.name = "UserError";
  }
}

/** The command line itself is wrong (unknown command or option, missing argument): exit code 2. */
export class UsageError extends UserError {
  /** The process exit code for this failure. */
  override readonly exitCode: number = 2;
  /** The command whose help to point at, or undefined for the top level. */
  readonly command?: string;

  /**
   * @param message one line, no final period
   * @param command the command whose `--help` the message points at
   */
  constructor(message: string, command?: string) {
    super(message);
    this.name = "UsageError";
    this.command = command;
  }
}
