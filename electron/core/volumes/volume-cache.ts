// A least-recently-used cache of volumes bounded in bytes of voxel data (cornerstone3D's
// volume cache is bounded the same way): the viewer and the AI share one instance, so a
// series opened in both is built once. A volume larger than the whole capacity is returned
// to its caller but never kept.
import type { Volume } from './volume';

export interface CachedEntry {
  volumes: Volume[];
  bytes: number;
}

export class VolumeCache {
  private readonly entries = new Map<string, CachedEntry>();
  private readonly pending = new Map<string, Promise<Volume[]>>();
  private used = 0;

  constructor(readonly capacityBytes: number) {
    if (!(capacityBytes >= 0)) throw new RangeError('capacityBytes must be a non-negative number');
  }

  get sizeBytes(): number {
    return this.used;
  }

  get size(): number {
    return this.entries.size;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Returns the volumes and marks them most recently used. */
  get(key: string): Volume[] | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.volumes;
  }

  set(key: string, volumes: Volume[]): void {
    this.delete(key);
    const bytes = volumes.reduce((sum, v) => sum + v.voxels.byteLength, 0);
    if (bytes > this.capacityBytes) return;
    while (this.used + bytes > this.capacityBytes) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.delete(oldest.value);
    }
    this.entries.set(key, { volumes, bytes });
    this.used += bytes;
  }

  delete(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.used -= entry.bytes;
    return true;
  }

  /** Builds and caches on a miss; concurrent callers of one key share the same build. */
  async getOrBuild(key: string, build: () => Promise<Volume[]>): Promise<Volume[]> {
    const hit = this.get(key);
    if (hit) return hit;
    const pending = this.pending.get(key);
    if (pending) return pending;
    const promise = build()
      .then((volumes) => {
        this.set(key, volumes);
        return volumes;
      })
      .finally(() => this.pending.delete(key));
    this.pending.set(key, promise);
    return promise;
  }

  clear(): void {
    this.entries.clear();
    this.used = 0;
  }
}

/** 1 GiB by default: a few CT series of 500 slices in int16. */
export const DEFAULT_VOLUME_CACHE_BYTES = 1024 * 1024 * 1024;

/** The one cache the viewer and the AI share within a process. */
export const sharedVolumeCache = new VolumeCache(DEFAULT_VOLUME_CACHE_BYTES);
