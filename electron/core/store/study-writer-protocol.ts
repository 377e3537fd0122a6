// Messages between StudyWriterClient (event-loop side) and study-writer-worker.ts.
import { AppError, type ErrorCode } from '../../shared/result';
import type { StoredInstance, WriteOutcome } from './study-writer';

export type WriterRequest = { type: 'batch'; id: number; records: StoredInstance[] } | { type: 'close' };

export type WriterResponse =
  | { type: 'written'; id: number; outcomes: WriteOutcome[]; referencedConflictHashes: string[] }
  | { type: 'failed'; id: number; code: ErrorCode; message: string }
  | { type: 'startFailed'; code: ErrorCode; message: string }
  | { type: 'closed' };

/** SQLite result codes (better-sqlite3 `SqliteError.code`) mapped to what a user can act on. */
export function toWriterError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (code === 'SQLITE_FULL') {
    return new AppError('DISK_FULL', 'The disk holding the study database is full. Free space and import again; nothing already imported was lost.');
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR')) {
    return new AppError('IO_ERROR', 'The study database could not be written (read-only or failing disk). Check the data folder and import again.');
  }
  const detail = code !== '' ? ` (${code})` : error instanceof Error ? ` (${error.name})` : '';
  return new AppError('DATABASE_ERROR', `The study database refused the import batch${detail}; it was rolled back and nothing was changed.`);
}
