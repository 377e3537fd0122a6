// Occlusion saliency on a scorer whose decision region is known: class 1's probability is the
// mean brightness of a fixed 8 × 8 square, class 0 its complement. (The real ONNX path, batched in
// the inference worker, is tested on a radiograph in the image-2d integration test.)
import { describe, expect, it } from 'vitest';
import { type BatchScorer, occlusionSaliency } from '../../../../../electron/core/inference/explain/occlusion-saliency';

const W = 48;
const H = 32;
const REGION = { x: 30, y: 6, size: 8 };

const scorer: BatchScorer = async (batch) => {
  const [n = 0] = batch.dims;
  const probabilities = new Float32Array(n * 2);
  for (let b = 0; b < n; b++) {
    let sum = 0;
    for (let y = REGION.y; y < REGION.y + REGION.size; y++) for (let x = REGION.x; x < REGION.x + REGION.size; x++) sum += batch.data[b * W * H + y * W + x] as number;
    const p = sum / REGION.size ** 2;
    probabilities[b * 2] = 1 - p;
    probabilities[b * 2 + 1] = p;
  }
  return { probabilities, classes: 2 };
};

describe('occlusion saliency', () => {
  it('puts the drop of a class probability on that class decision region, and nowhere else', async () => {
    const data = new Float32Array(W * H).fill(0.2);
    for (let y = REGION.y; y < REGION.y + REGION.size; y++) for (let x = REGION.x; x < REGION.x + REGION.size; x++) data[y * W + x] = 1;
    const progress: number[] = [];
    const result = await occlusionSaliency({ dims: [1, 1, H, W], data }, 'NCHW', [1], scorer, { patch: 8, stride: 4, batch: 5, progress: (f) => progress.push(f) });
    expect(result.baseline[1]).toBeCloseTo(1, 6);
    const map = result.maps.get(1) as Float32Array;
    let peak = 0;
    for (let i = 1; i < map.length; i++) if ((map[i] as number) > (map[peak] as number)) peak = i;
    const [px, py] = [peak % W, Math.floor(peak / W)];
    expect(px).toBeGreaterThanOrEqual(REGION.x);
    expect(px).toBeLessThan(REGION.x + REGION.size);
    expect(py).toBeGreaterThanOrEqual(REGION.y);
    expect(py).toBeLessThan(REGION.y + REGION.size);
    // Patches that never touch the region change nothing: far pixels have no heat.
    expect(map[(H - 1) * W]).toBe(0);
    expect(map[0]).toBe(0);
    // Patches were batched (5 per run) and progress reached 1.
    expect(result.runs).toBeLessThan(1 + Math.ceil(((W / 4) * (H / 4)) / 5) + 1);
    expect(progress.at(-1)).toBe(1);
  });

  it('skips patches that only cover masked-out pixels (letterbox padding)', async () => {
    const data = new Float32Array(W * H).fill(0.5);
    const mask = new Uint8Array(W * H);
    for (let y = 0; y < H; y++) for (let x = 24; x < W; x++) mask[y * W + x] = 1;
    const all = await occlusionSaliency({ dims: [1, 1, H, W], data: data.slice() }, 'NCHW', [1], scorer, { patch: 8, stride: 8, batch: 64 });
    const some = await occlusionSaliency({ dims: [1, 1, H, W], data: data.slice() }, 'NCHW', [1], scorer, { patch: 8, stride: 8, batch: 1, skipMask: mask });
    expect(all.runs).toBe(2);
    expect(some.runs).toBe(1 + (W - 24) / 8 * (H / 8));
  });
});
