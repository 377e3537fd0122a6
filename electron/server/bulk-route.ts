// Bulk voxel transport (ARCHITECTURE §1: bulk data is not IPC):
//   GET /bulk/volume/<SeriesInstanceUID>/<index>  → the volume's voxels, native dtype, little-endian
// The geometry comes first from `volumes:describe`. The web host checks the token before this
// route runs; here the UID must match the strict PS3.5 9.1 syntax and be known to the database,
// and nothing from the request ever becomes a file path. The body is streamed in chunks so a
// 500 MB volume never sits twice in memory.
// Electron serves the same path on app://yingdu through `protocol.handle` with `bulkResponse`
// (electron/core/viewer/bulk-volume.ts), which shares the parsing and checks used here.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BULK_STATUS, bulkHeaders, littleEndianBytes, resolveBulkVolume } from '../core/viewer/bulk-volume';
import type { SeriesVolumes } from '../core/viewer/series-volumes';
import type { Volume } from '../core/volumes/volume';
import { AppError, type ErrorCode } from '../shared/result';

export { isBulkPath, parseBulkPath } from '../core/viewer/bulk-volume';

const CHUNK_BYTES = 4 * 1024 * 1024;

export function replyError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ ok: false, error: { code, message } }));
}

export async function handleBulkRequest(volumes: SeriesVolumes, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  await serveVoxels(req, res, () => resolveBulkVolume(volumes, url.pathname), bulkHeaders);
}

/**
 * GET or HEAD of the voxels `resolve` finds (every bulk route): another method is 405, an
 * AppError becomes its JSON error with the bulk status, else `headers` then the little-endian voxels.
 */
export async function serveVoxels<V extends Pick<Volume, 'voxels'>>(
  req: IncomingMessage,
  res: ServerResponse,
  resolve: () => Promise<V>,
  headers: (volume: V) => Record<string, string>,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  let volume: V;
  try {
    volume = await resolve();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    replyError(res, BULK_STATUS[error.code] ?? 500, error.code, error.message);
    return;
  }
  res.writeHead(200, headers(volume));
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await streamBytes(res, littleEndianBytes(volume));
}

/** Writes `bytes` in chunks, waiting for the socket to drain, so a large body never sits twice in memory. */
export async function streamBytes(res: ServerResponse, bytes: Uint8Array): Promise<void> {
  for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) {
    if (res.destroyed) return;
    const more = res.write(bytes.subarray(offset, Math.min(bytes.length, offset + CHUNK_BYTES)));
    if (!more) await new Promise<void>((resolve) => {
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  }
  res.end();
}
