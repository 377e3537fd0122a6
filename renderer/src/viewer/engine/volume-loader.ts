// Loads a series' volumes for the viewer: the geometry through the contract (`volumes:describe`)
// and the voxels through the bulk route as one binary fetch, kept in their native dtype (no
// float32 copy). The response is streamed into one buffer of the announced size: Response.
// arrayBuffer() would hold the received chunks and then their concatenation, twice the voxel
// bytes at its peak. On the web host the route is same-origin and the token cookie rides along.
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

/** Reads the body chunk by chunk into one buffer of `byteLength` bytes; refuses a short or long body. */
async function readInto(response: Response, byteLength: number): Promise<ArrayBuffer> {
  const incomplete = (received: number) =>
    new AppError('IO_ERROR', `The image data arrived incomplete (${received} of ${byteLength} bytes); open the series again.`);
  const buffer = new ArrayBuffer(byteLength);
  const bytes = new Uint8Array(buffer);
  if (!response.body) throw incomplete(0);
  const reader = response.body.getReader();
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (received + value.byteLength > byteLength) {
      await reader.cancel();
      throw incomplete(received + value.byteLength);
    }
    bytes.set(value, received);
    received += value.byteLength;
  }
  if (received !== byteLength) throw incomplete(received);
  return buffer;
}
