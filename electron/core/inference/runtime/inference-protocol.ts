// Messages between the inference client (inference-client.ts) and its worker thread.
import type { ErrorCode } from '../../../shared/result';
import type { PlainTensor } from './model-session';

export type InferenceRequest =
  | {
      kind: 'run';
      id: number;
      /** Our own path under <data>/models (built from a validated id and version), never a DICOM value. */
      modelPath: string;
      sha256: string;
      /** Cache key of the session: "id@version". */
      sessionKey: string;
      providers?: string[];
      inputs: Record<string, PlainTensor>;
    }
  | { kind: 'release'; id: number };

export type InferenceResponse =
  | { id: number; ok: true; provider: string; outputs: Record<string, PlainTensor>; openMs: number; runMs: number }
  | { id: number; ok: true; released: number }
  | { id: number; ok: false; code: ErrorCode; message: string };
