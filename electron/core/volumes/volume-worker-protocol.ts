// Messages between the volume builder (volume-builder.ts) and its worker thread.
import type { ErrorCode } from '../../shared/result';
import type { Volume } from './volume';

export interface BuildRequest {
  id: number;
  /** Files to read inside the worker (store paths, never built from DICOM values). */
  paths: string[];
}

export type BuildResponse =
  | { id: number; ok: true; volumes: Volume[] }
  | { id: number; ok: false; code: ErrorCode; message: string };
