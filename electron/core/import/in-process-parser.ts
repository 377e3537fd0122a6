// Parses on the calling thread. Used where no worker pool is wanted (one-file imports in
// tools, and as the reference the pooled parser is tested against); it blocks the event loop
// for the duration of each parse, so the hosts use the pool instead.
import { AppError } from '../../shared/result';
import { parseDicom } from '../dicom/parse-dicom';
import { sha256Hex } from '../store/managed-store';
import type { InstanceParser, ParseOutcome } from './instance-parser';

export class InProcessParser implements InstanceParser {
  readonly concurrency = 1;

  async parse(bytes: Uint8Array): Promise<ParseOutcome> {
    const sha256 = sha256Hex(bytes);
    try {
      return { ok: true, parsed: parseDicom(bytes), sha256 };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, code: error.code, message: error.message };
      return { ok: false, code: 'NOT_DICOM', message: 'The file could not be parsed as DICOM.' };
    }
  }

  async close(): Promise<void> {}
}
