// Worker-thread entry (bundled as dist/workers/volume-assembly.cjs): reads a series' files and
// assembles its volumes off the event loop that serves the UI (ARCHITECTURE §1). Voxel buffers
// are transferred back, not copied.
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { AppError, isErrorCode } from '../../shared/result';
import { assembleVolumes } from './volume-assembly';
import type { BuildRequest, BuildResponse } from './volume-worker-protocol';

const port = parentPort;
if (!port) throw new Error('volume-worker must run in a worker thread');

port.on('message', (request: BuildRequest) => {
  void handle(request).then(({ response, transfer }) => port.postMessage(response, transfer));
});

async function handle(request: BuildRequest): Promise<{ response: BuildResponse; transfer: ArrayBuffer[] }> {
  try {
    const files = await Promise.all(
      request.paths.map(async (file) => {
        try {
          return new Uint8Array(await readFile(file));
        } catch {
          throw new AppError('IO_ERROR', 'A stored file of this series is missing or unreadable; check the data folder, then import the series again.');
        }
      }),
    );
    const volumes = await assembleVolumes(files);
    return { response: { id: request.id, ok: true, volumes }, transfer: volumes.map((v) => v.voxels.buffer as ArrayBuffer) };
  } catch (error) {
    const code = error instanceof AppError && isErrorCode(error.code) ? error.code : 'INTERNAL';
    const message = error instanceof AppError ? error.message : 'Volume assembly failed unexpectedly.';
    return { response: { id: request.id, ok: false, code, message }, transfer: [] };
  }
}
