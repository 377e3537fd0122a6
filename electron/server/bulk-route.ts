// Bulk voxel transport (ARCHITECTURE §1: bulk data is not IPC):
//   GET /bulk/volume/<SeriesInstanceUID>/<index>  → the volume's voxels, native dtype, little-endian
// The geometry comes first from `volumes:describe`. The web host checks the token before this
// route runs; here the UID must match the strict PS3.5 9.1 syntax and be known to the database,
// and nothing from the request ever becomes a file path. The body is streamed in chunks so a
// 500 MB volume never sits twice in memory.
// Electron: `protocol.handle('yingdu-bulk', (request) => …)` in electron/main can answer the same
// path with `new Response(readableStreamOf(volume.voxels), { headers: bulkHeaders(volume) })`;
// the parsing and lookup below (`parseBulkPath`, core.volumes) are host-neutral for that reason.
import { endianness } from 'node:os';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SeriesVolumes } from '../core/viewer/series-volumes';
import { isStrictUid } from '../core/viewer/series-volumes';
import type { Volume } from '../core/volumes/volume';
import { AppError, type ErrorCode } from '../shared/result';
import { BULK_VOLUME_PREFIX } from '../shared/volumes';

const CHUNK_BYTES = 4 * 1024 * 1024;
const MAX_VOLUME_INDEX = 100_000;

export function isBulkPath(pathname: string): boolean {
  return pathname.startsWith(BULK_VOLUME_PREFIX);
}

/** `{ seriesInstanceUID, index }` or null for anything that is not exactly `<uid>/<digits>`. */
export function parseBulkPath(pathname: string): { seriesInstanceUID: string; index: number } | null {
  if (!isBulkPath(pathname)) return null;
  const parts = pathname.slice(BULK_VOLUME_PREFIX.length).split('/');
  if (parts.length !== 2) return null;
  const [uid, indexText] = parts as [string, string];
  if (!isStrictUid(uid) || !/^(0|[1-9][0-9]{0,5})$/.test(indexText)) return null;
  const index = Number(indexText);
  return index <= MAX_VOLUME_INDEX ? { seriesInstanceUID: uid, index } : null;
}

export function bulkHeaders(volume: Volume): Record<string, string> {
  return {
    'Content-Type': 'application/octet-stream',
    'Content-Length': String(volume.voxels.byteLength),
    // Voxels are PHI: never cached on disk by the browser.
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'X-Yingdu-Dtype': volume.voxelType,
    'X-Yingdu-Dimensions': volume.dimensions.join(','),
  };
}

/** Little-endian bytes of the voxels (a view, no copy, on little-endian hosts). */
export function littleEndianBytes(volume: Volume): Uint8Array {
  const { voxels } = volume;
  const bytes = new Uint8Array(voxels.buffer, voxels.byteOffset, voxels.byteLength);
  if (endianness() === 'LE' || voxels.BYTES_PER_ELEMENT === 1) return bytes;
  const swapped = new Uint8Array(bytes);
  const size = voxels.BYTES_PER_ELEMENT;
  for (let i = 0; i < swapped.length; i += size) swapped.subarray(i, i + size).reverse();
  return swapped;
}

function replyError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ ok: false, error: { code, message } }));
}

const STATUS_OF: Partial<Record<ErrorCode, number>> = { NOT_FOUND: 404, INVALID_ARGUMENT: 400, IO_ERROR: 500, NOT_A_VOLUME: 422 };

export async function handleBulkRequest(volumes: SeriesVolumes, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const target = parseBulkPath(url.pathname);
  if (!target) {
    replyError(res, 400, 'INVALID_ARGUMENT', 'A bulk address is /bulk/volume/<Series Instance UID>/<volume number>.');
    return;
  }
  if (!volumes.knows(target.seriesInstanceUID)) {
    replyError(res, 404, 'NOT_FOUND', 'No series with this UID is stored; it may have been removed.');
    return;
  }
  let volume: Volume;
  try {
    volume = await volumes.volume(target.seriesInstanceUID, target.index);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    replyError(res, STATUS_OF[error.code] ?? 500, error.code, error.message);
    return;
  }
  res.writeHead(200, bulkHeaders(volume));
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const bytes = littleEndianBytes(volume);
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
