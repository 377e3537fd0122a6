// Loads a series' volumes for the viewer: the geometry through the contract (`volumes:describe`)
// and the voxels through the bulk route as one binary fetch, kept in their native dtype (no
// float32 copy). The response is streamed into one buffer of the announced size: Response.
// arrayBuffer() would hold the received chunks and then their concatenation, twice the voxel
// bytes at its peak, and a plain reader's chunks stay in the heap until collected. On the web host the route is same-origin and the token cookie rides along.
// In Electron the page is served from app:// and main answers /bulk/ through protocol.handle.
import type { YingduClient } from '../../../../electron/shared/client';
import { AppError } from '../../../../electron/shared/result';
import { bulkVolumePath, type VolumeDescription } from '../../../../electron/shared/volumes';
import { type TypedVoxels, typedArrayFor } from './gpu-downsample';

export interface LoadedVolume {
  seriesInstanceUID: string;
  description: VolumeDescription;
  voxels: TypedVoxels;
}

export class VolumeLoader {
  private readonly series = new Map<string, Promise<LoadedVolume[]>>();

  constructor(private readonly client: YingduClient) {}

  /** Every volume of a series (a 4-D series has several); loaded once per viewer session. */
  load(seriesInstanceUID: string): Promise<LoadedVolume[]> {
    let pending = this.series.get(seriesInstanceUID);
    if (!pending) {
      pending = this.fetchSeries(seriesInstanceUID);
      pending.catch(() => this.series.delete(seriesInstanceUID));
      this.series.set(seriesInstanceUID, pending);
    }
    return pending;
  }

  clear(): void {
    this.series.clear();
  }

  private async fetchSeries(seriesInstanceUID: string): Promise<LoadedVolume[]> {
    const described = await this.client.invoke('volumes:describe', { seriesInstanceUID });
    if (!described.ok) throw new AppError(described.error.code, described.error.message);
    // The first volume first: a 4-D series shows as soon as its first phase arrives.
    return Promise.all(described.value.map(async (description) => ({ seriesInstanceUID, description, voxels: await fetchVoxels(seriesInstanceUID, description) })));
  }
}

async function fetchVoxels(seriesInstanceUID: string, description: VolumeDescription): Promise<TypedVoxels> {
  const response = await fetch(bulkVolumePath(seriesInstanceUID, description.index), { credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    const message = body?.error?.message ?? `The image data could not be loaded (HTTP ${response.status}).`;
    throw new AppError(body?.error?.code === 'NOT_FOUND' ? 'NOT_FOUND' : 'IO_ERROR', message);
  }
  const buffer = await readInto(response, description.byteLength);
  return typedArrayFor(description.dtype, buffer);
}

/**
 * Reads the body into one buffer of `byteLength` bytes through a BYOB reader: the stream writes
 * straight into that buffer (each read transfers it, no copy), so no received chunk lingers in the
 * heap until the next garbage collection. Refuses a short or long body.
 */
async function readInto(response: Response, byteLength: number): Promise<ArrayBuffer> {
  const incomplete = (received: number) =>
    new AppError('IO_ERROR', `The image data arrived incomplete (${received} of ${byteLength} bytes); open the series again.`);
  if (!response.body) throw incomplete(0);
  const reader = response.body.getReader({ mode: 'byob' });
  let buffer = new ArrayBuffer(byteLength);
  let received = 0;
  while (received < byteLength) {
    const { done, value } = await reader.read(new Uint8Array(buffer, received, byteLength - received));
    if (!value) throw incomplete(received);
    buffer = value.buffer as ArrayBuffer;
    received += value.byteLength;
    if (done) break;
  }
  if (received !== byteLength) throw incomplete(received);
  const extra = await reader.read(new Uint8Array(1));
  if (!extra.done) {
    await reader.cancel();
    throw incomplete(byteLength + (extra.value?.byteLength ?? 0));
  }
  return buffer;
}
