// 4-D splitting and labelling on frame headers as the parser produces them (pure logic; the
// real-file cases, DWI included, are in test/integration/core/volumes).
import { describe, expect, it } from 'vitest';
import type { FrameHeader } from '../../../../electron/core/volumes/frame-header';
import { buildSliceStack } from '../../../../electron/core/volumes/slice-stack';
import { groupFrames } from '../../../../electron/core/volumes/volume-grouping';

let next = 0;
function frame(z: number, extra: Partial<FrameHeader> = {}): FrameHeader {
  next++;
  return {
    source: next,
    frame: 0,
    seriesInstanceUID: '1.2.3',
    frameOfReferenceUID: '1.2.3.9',
    instanceNumber: next,
    modality: 'MR',
    manufacturer: '',
    rows: 4,
    columns: 4,
    position: [0, 0, z],
    orientation: [[1, 0, 0], [0, 1, 0]],
    pixelSpacing: [1, 1],
    sliceThickness: 5,
    spacingBetweenSlices: null,
    rescaleSlope: 1,
    rescaleIntercept: 0,
    bitsAllocated: 16,
    pixelRepresentation: 0,
    samplesPerPixel: 1,
    floatPixels: false,
    diffusion: null,
    echoTime: null,
    echoNumber: null,
    triggerTime: null,
    temporalPosition: null,
    dimensionIndex: null,
    gantryTilt: null,
    ...extra,
  };
}

describe('groupFrames', () => {
  it('splits a multi-echo series by echo time, numbered by ascending TE', () => {
    const frames = [30, 10].flatMap((te) => [0, 5, 10].map((z) => frame(z, { echoTime: te })));
    const groups = groupFrames(frames);
    expect(groups.map((g) => g.label)).toEqual(['echo 2 (TE 30 ms)', 'echo 1 (TE 10 ms)']);
    expect(groups.every((g) => g.frames.length === 3)).toBe(true);
  });

  it('splits a multi-phase series by trigger time', () => {
    const frames = [0, 250, 500].flatMap((t) => [0, 5].map((z) => frame(z, { triggerTime: t })));
    expect(groupFrames(frames).map((g) => g.label)).toEqual([
      'phase 1 (trigger 0 ms)',
      'phase 2 (trigger 250 ms)',
      'phase 3 (trigger 500 ms)',
    ]);
  });

  it('numbers diffusion directions within each b-value and leaves b=0 unnumbered', () => {
    const dirs: Array<[number, number, number]> = [[1, 0, 0], [0, 1, 0]];
    const frames = [
      ...[0, 5].map((z) => frame(z, { diffusion: { bValue: 0, direction: null, directionInPatient: true } })),
      ...dirs.flatMap((d) => [0, 5].map((z) => frame(z, { diffusion: { bValue: 1000, direction: d, directionInPatient: true } }))),
    ];
    expect(groupFrames(frames).map((g) => g.label)).toEqual(['b=0', 'b=1000 dir 1', 'b=1000 dir 2']);
  });

  it('keeps a localizer of another orientation out of the axial stack', () => {
    const frames = [...[0, 5, 10].map((z) => frame(z)), frame(0, { orientation: [[0, 1, 0], [0, 0, -1]] })];
    const groups = groupFrames(frames);
    expect(groups.map((g) => g.frames.length)).toEqual([3, 1]);
    expect(groups.map((g) => g.label)).toEqual(['stack 1', 'stack 2']);
  });

  it('assigns repeated positions without any 4-D key to volumes by instance order, with a warning', () => {
    const frames = [0, 1].flatMap(() => [0, 5, 10].map((z) => frame(z)));
    const groups = groupFrames(frames);
    expect(groups.map((g) => g.label)).toEqual(['volume 1', 'volume 2']);
    expect(groups[0]?.warnings[0]).toMatch(/no b-value, echo or time to tell them apart/);
  });
});

describe('buildSliceStack', () => {
  it('sorts by position along the normal, not by instance number, and measures spacing from positions', () => {
    const frames = [10, 0, 5, 15].map((z) => frame(z, { sliceThickness: 1 }));
    const stack = buildSliceStack(frames);
    expect(stack.frames.map((f) => f.position?.[2])).toEqual([0, 5, 10, 15]);
    expect(stack.spacing).toBe(5);
    expect(stack.uniform).toBe(true);
    expect(stack.tilted).toBe(false);
  });

  it('detects slices whose origins drift in-plane as gantry tilt, with the angle', () => {
    const t = Math.tan((15 * Math.PI) / 180);
    const frames = [0, 5, 10].map((d) => frame(d, { position: [0, d * t, d] }));
    const stack = buildSliceStack(frames);
    expect(stack.tilted).toBe(true);
    expect(stack.tiltDegrees).toBeCloseTo(15, 6);
    expect(stack.warnings).toEqual([]);
  });

  it('refuses two slices at one position that nothing tells apart', () => {
    expect(() => buildSliceStack([frame(0), frame(0), frame(5)])).toThrow(/occur twice/);
  });
});
