// Conventions every `yingdu` command follows: `--json` prints exactly one JSON document on
// stdout; errors go to stderr as `error CODE: message` with a non-zero exit status.
import { AppError, type ErrorCode, isErrorCode } from '../shared/result';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export class UsageError extends Error {}

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints the error on stderr (and, with --json, as the one JSON document on stdout). */
export function reportError(io: CliIo, error: unknown, json: boolean): number {
  const usage = error instanceof UsageError;
  const code: ErrorCode = usage ? 'INVALID_ARGUMENT' : error instanceof AppError ? error.code : codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`error ${code}: ${message}\n${usage ? 'Run `yingdu help` for usage.\n' : ''}`);
  if (json) printJson(io, { error: { code, message } });
  return usage ? EXIT.usage : EXIT.failure;
}

function codeOf(error: unknown): ErrorCode {
  const code = (error as { code?: unknown } | null)?.code;
  if (isErrorCode(code)) return code;
  if (code === 'ENOSPC') return 'DISK_FULL';
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') return 'IO_ERROR';
  return 'INTERNAL';
}
