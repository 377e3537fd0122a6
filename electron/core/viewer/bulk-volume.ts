// The host-neutral half of bulk voxel transport: which paths name a volume, the headers, the
// little-endian bytes, and a web-standard Response for Electron's `protocol.handle` (app://yingdu
// /bulk/volume/<uid>/<index>). The web host streams the same bytes (electron/server/bulk-route.ts).
import { endianness } from 'node:os';
import { AppError, type ErrorCode } from '../../shared/result';
import { BULK_VOLUME_PREFIX } from '../../shared/volumes';
import type { Volume } from '../volumes/volume';
import { isStrictUid, type SeriesVolumes } from './series-volumes';

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
export function littleEndianBytes(volume: Pick<Volume, 'voxels'>): Uint8Array {
  const { voxels } = volume;
  const bytes = new Uint8Array(voxels.buffer, voxels.byteOffset, voxels.byteLength);
  if (endianness() === 'LE' || voxels.BYTES_PER_ELEMENT === 1) return bytes;
  const swapped = new Uint8Array(bytes);
  const size = voxels.BYTES_PER_ELEMENT;
  for (let i = 0; i < swapped.length; i += size) swapped.subarray(i, i + size).reverse();
  return swapped;
}

export const BULK_STATUS: Partial<Record<ErrorCode, number>> = { NOT_FOUND: 404, INVALID_ARGUMENT: 400, IO_ERROR: 500, NOT_A_VOLUME: 422 };

/** The volume a bulk path names, after the same checks the web host makes (strict UID, known series). */
export async function resolveBulkVolume(volumes: SeriesVolumes, pathname: string): Promise<Volume> {
  const target = parseBulkPath(pathname);
  if (!target) throw new AppError('INVALID_ARGUMENT', 'A bulk address is /bulk/volume/<Series Instance UID>/<volume number>.');
  if (!volumes.knows(target.seriesInstanceUID)) throw new AppError('NOT_FOUND', 'No series with this UID is stored; it may have been removed.');
  return volumes.volume(target.seriesInstanceUID, target.index);
}

/** For Electron's protocol handler: the whole volume as one Response (no Node streams there). */
export async function bulkResponse(volumes: SeriesVolumes, pathname: string): Promise<Response> {
  try {
    const volume = await resolveBulkVolume(volumes, pathname);
    return new Response(littleEndianBytes(volume), { status: 200, headers: bulkHeaders(volume) });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return new Response(JSON.stringify({ ok: false, error: { code: error.code, message: error.message } }), {
      status: BULK_STATUS[error.code] ?? 500,
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
}
