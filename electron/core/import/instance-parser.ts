// What the import pipeline needs from the DICOM parser: bytes in, a ParsedInstance (or a
// rejection with a stable code) and the sha256 of exactly those bytes out. The production
// implementation is DicomParsePool (electron/core/dicom/dicom-parse-pool.ts), which fits it as is.
import type { ErrorCode } from '../../shared/result';
import type { ParsedInstance } from '../dicom/parsed-instance';

export type ParseOutcome =
  | { ok: true; parsed: ParsedInstance; sha256: string }
  | { ok: false; code: ErrorCode; message: string };

export interface InstanceParser {
  /** How many parses may usefully run at once (the pool size). */
  readonly concurrency: number;
  parse(bytes: Uint8Array): Promise<ParseOutcome>;
  close(): Promise<void>;
}
