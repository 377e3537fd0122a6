// The workstation log. It records codes, channels, counts and timings, never request
// arguments or DICOM values: patient data must not reach a log file (security checklist).
import { appendFileSync } from 'node:fs';
import path from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, event: string, fields?: Record<string, string | number | boolean | null>): void;
}

/** Writes JSON lines to `<logs>/yingdu.log`; errors are reduced to their name and code. */
export function createFileLogger(logDir: string): Logger {
  const file = path.join(logDir, 'yingdu.log');
  return {
    log(level, event, fields = {}) {
      const line = JSON.stringify({ t: new Date().toISOString(), level, event, ...fields });
      try {
        appendFileSync(file, `${line}\n`, { mode: 0o600 });
      } catch {
        // A full or read-only disk must not take the workstation down with it.
      }
    },
  };
}

export const silentLogger: Logger = { log() {} };

/** What of an unexpected error may be logged: its class and code, not its message (may hold PHI). */
export function describeError(error: unknown): Record<string, string> {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { errorName: error.name, ...(typeof code === 'string' ? { errorCode: code } : {}) };
  }
  return { errorName: typeof error };
}
