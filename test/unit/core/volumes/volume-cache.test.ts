import { describe, expect, it } from 'vitest';
import type { Volume } from '../../../../electron/core/volumes/volume';
import { VolumeCache } from '../../../../electron/core/volumes/volume-cache';

/** A real (small) int16 volume of `bytes` bytes of voxels. */
function volume(bytes: number): Volume {
  return {
    seriesInstanceUID: '1.2.3',
    frameOfReferenceUID: '1.2.3.4',
    label: '',
    dimensions: [bytes / 2, 1, 1],
    spacing: [1, 1, 1],
    origin: [0, 0, 0],
    direction: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
    voxelType: 'int16',
    voxels: new Int16Array(bytes / 2),
    rescaleSlope: 1,
    rescaleIntercept: 0,
    min: 0,
    max: 0,
    resampled: false,
    diffusion: null,
    warnings: [],
  };
}

describe('VolumeCache', () => {
  it('evicts the least recently used entries until the new one fits in the byte capacity', () => {
    const cache = new VolumeCache(1000);
    cache.set('a', [volume(400)]);
    cache.set('b', [volume(400)]);
    expect(cache.sizeBytes).toBe(800);
    cache.get('a'); // a is now more recent than b
    cache.set('c', [volume(400)]);
    expect(cache.has('b')).toBe(false);
    expect(cache.has('a')).toBe(true);
    expect(cache.has('c')).toBe(true);
    expect(cache.sizeBytes).toBe(800);
  });

  it('counts every volume of a multi-volume series and evicts several entries for a big one', () => {
    const cache = new VolumeCache(1000);
    cache.set('a', [volume(200), volume(200)]);
    cache.set('b', [volume(300)]);
    expect(cache.sizeBytes).toBe(700);
    cache.set('c', [volume(900)]);
    expect([cache.has('a'), cache.has('b'), cache.has('c')]).toEqual([false, false, true]);
    expect(cache.sizeBytes).toBe(900);
  });

  it('never keeps an entry larger than the capacity, and replacing a key frees its old bytes', () => {
    const cache = new VolumeCache(500);
    cache.set('a', [volume(400)]);
    cache.set('huge', [volume(600)]);
    expect(cache.has('huge')).toBe(false);
    expect(cache.has('a')).toBe(true);
    cache.set('a', [volume(100)]);
    expect(cache.sizeBytes).toBe(100);
  });

  it('builds once for concurrent callers of one key', async () => {
    const cache = new VolumeCache(1000);
    let builds = 0;
    const build = async () => {
      builds++;
      return [volume(100)];
    };
    const [x, y] = await Promise.all([cache.getOrBuild('k', build), cache.getOrBuild('k', build)]);
    expect(builds).toBe(1);
    expect(x).toBe(y);
    expect(await cache.getOrBuild('k', build)).toBe(x);
    expect(builds).toBe(1);
  });
});
