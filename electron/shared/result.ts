// The envelope every request returns across a process boundary (Signal Desktop style):
// handlers never throw through IPC or the WebSocket; errors carry a stable code.

/** Stable error codes. The renderer translates them; tools and tests match on them. */
export const ERROR_CODES = [
  'INVALID_ARGUMENT',
  'UNKNOWN_CHANNEL',
  'UNAUTHORIZED',
  'FORBIDDEN_SENDER',
  'NOT_FOUND',
  'CONFLICT',
  'CANCELLED',
  'UNAVAILABLE',
  'SCHEMA_TOO_NEW',
  'DATABASE_ERROR',
  'DISK_FULL',
  'IO_ERROR',
  'INTERNAL',
  // DICOM parsing and import (PS3.5 / PS3.10 violations).
  'NOT_DICOM',
  'TRUNCATED',
  'BAD_VR',
  'BAD_LENGTH',
  'NESTING_TOO_DEEP',
  'MISSING_UID',
  'UNSUPPORTED_TRANSFER_SYNTAX',
  'PIXEL_DATA_LENGTH_MISMATCH',
  'UNSUPPORTED_ARCHIVE',
  'DUPLICATE',
  'UID_CONFLICT',
  // Pixels, volumes, AI.
  'DECODE_FAILED',
  'NOT_A_VOLUME',
  'MODEL_INVALID',
  'MODEL_TAMPERED',
  'INFERENCE_FAILED',
  'NOT_ELIGIBLE',
  'EXPERIMENTAL_DISABLED',
  'INSUFFICIENT_MEMORY',
  // Review and reports (#6).
  'NO_CURRENT_USER',
  'ROLE_NOT_PERMITTED',
  'REPORT_LOCKED',
  'WORKFLOW_REFUSED',
  'SIGN_OFF_BLOCKED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorShape {
  code: ErrorCode;
  /** English, for logs and the CLI; the renderer shows its own translation of `code` beside it. */
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } });

/** Thrown inside the core; turned into a `Result` at the boundary by `dispatchRequest`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
