// Mirrored test-time augmentation for 2-D models: the tensor flip in both layouts, boxes put
// back on the original grid, and the uncertainty of a box from its best mirrored match.
import { describe, expect, it } from 'vitest';
import { boxUncertainty, flipHorizontal, unflipBoxes } from '../../../../../../electron/core/inference/pipelines/image-2d/flip-uncertainty';

describe('2-D flip uncertainty', () => {
  it('mirrors along W in NCHW and NHWC, channels kept apart', () => {
    // 2 channels, 1 row, 3 columns.
    const nchw = flipHorizontal({ dims: [1, 2, 1, 3], data: Float32Array.of(1, 2, 3, 10, 20, 30) }, 'NCHW');
    expect(Array.from(nchw.data)).toEqual([3, 2, 1, 30, 20, 10]);
    const nhwc = flipHorizontal({ dims: [1, 1, 3, 2], data: Float32Array.of(1, 10, 2, 20, 3, 30) }, 'NHWC');
    expect(Array.from(nhwc.data)).toEqual([3, 30, 2, 20, 1, 10]);
  });

  it('scores a box by its overlap with the mirrored run mapped back', () => {
    const box = { x1: 60, y1: 10, x2: 80, y2: 30, score: 0.9, classIndex: 0 };
    // What a mirror-consistent detector finds on the flipped 100-pixel-wide input.
    const seenMirrored = [{ ...box, x1: 20, x2: 40 }];
    const back = unflipBoxes(seenMirrored, 100);
    expect(back[0]).toMatchObject({ x1: 60, x2: 80 });
    expect(boxUncertainty([box], back)).toEqual([0]);
    // Not mapped back, the boxes do not overlap: maximal uncertainty; another class does not count.
    expect(boxUncertainty([box], seenMirrored)).toEqual([1]);
    expect(boxUncertainty([box], [{ ...box, classIndex: 1 }])).toEqual([1]);
    expect(boxUncertainty([box], [{ ...box, x1: 70 }])[0]).toBeCloseTo(0.5, 9);
  });
});
