// Worker-thread entry of DicomParsePool (bundled as dist/workers/dicom-parse.cjs). It reads the
// file itself when given a path, so the bytes never cross threads, and hashes exactly the bytes
// it parsed: the import pipeline files the instance under that hash.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../shared/result';
import { parseDicom } from './parse-dicom';
import type { ParseRequest, ParseResponse } from './parse-protocol';

function handle(request: ParseRequest): ParseResponse {
  let bytes: Uint8Array;
  if (request.path !== undefined) {
    try {
      bytes = readFileSync(request.path);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      return { id: request.id, ok: false, code: 'IO_ERROR', message: `The file cannot be read (${reason}).`, sha256: null, byteLength: 0 };
    }
  } else {
    bytes = request.bytes!;
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  try {
    return { id: request.id, ok: true, parsed: parseDicom(bytes, request.options), sha256, byteLength: bytes.byteLength };
  } catch (error) {
    if (error instanceof AppError) return { id: request.id, ok: false, code: error.code, message: error.message, sha256, byteLength: bytes.byteLength };
    // A parser bug, not a property of the file: say so rather than blame the file.
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { id: request.id, ok: false, code: 'INTERNAL', message: `The parser failed unexpectedly (${message}).`, sha256, byteLength: bytes.byteLength };
  }
}

parentPort?.on('message', (request: ParseRequest) => {
  parentPort!.postMessage(handle(request));
});
