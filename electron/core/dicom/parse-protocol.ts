// Messages between DicomParsePool and its workers (structured-cloned through postMessage).
import type { ErrorCode } from '../../shared/result';
import type { ParseOptions } from './parse-dicom';
import type { ParsedInstance } from './parsed-instance';

export interface ParseRequest {
  id: number;
  /** Either a file path (read in the worker) or the file's bytes. */
  path?: string;
  bytes?: Uint8Array;
  options?: ParseOptions;
}

/** What a parse yields; never thrown. `sha256` is of the exact bytes parsed (null when unreadable). */
export type DicomParseOutcome =
  | { ok: true; parsed: ParsedInstance; sha256: string; byteLength: number }
  | { ok: false; code: ErrorCode; message: string; sha256: string | null; byteLength: number };

export type ParseResponse = DicomParseOutcome & { id: number };
