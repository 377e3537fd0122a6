// A finding's LPS box → the slices that show it and its outline on screen, in an axial and a
// coronal view of the chest CT's grid and in an oblique plane.
import { describe, expect, it } from 'vitest';
import {
  findingOnScreen,
  findingSlices,
  isFindingOnPlane,
  outlineBounds,
} from '../../../../../renderer/src/viewer/ai-overlays/finding-geometry';
import { baseFrame, type ScreenMapping, sliceStep, worldToScreen } from '../../../../../renderer/src/viewer/engine/slice-geometry';
import { type Vec3, cross, normalize } from '../../../../../renderer/src/viewer/engine/vec3';
import { chestCt as ct } from '../chest-ct-geometry';

const box: [Vec3, Vec3] = [
  [-10, -20, -60],
  [10, 20, -45],
];
const finding = { centerLPS: [0, 0, -52] as Vec3, boundsLPS: box };

/** Brute force: slice k (0-based) along an axis shows the box when its plane is within half a step of the box's extent. */
function slicesByBruteForce(origin: number, spacing: number, count: number, lo: number, hi: number): number[] {
  const shown: number[] = [];
  for (let k = 0; k < count; k++) {
    const p = origin + k * spacing;
    const nearest = Math.min(hi, Math.max(lo, p));
    if (Math.abs(p - nearest) <= spacing / 2 + 1e-9) shown.push(k + 1);
  }
  return shown;
}

describe('finding geometry', () => {
  it('axial: shows the box on the slices its z-extent covers, as the screen rectangle of its x/y extent', () => {
    const frame = baseFrame('axial', ct);
    const slices = findingSlices(finding, ct, frame.normal);
    const expected = slicesByBruteForce(-100, 8, 30, -60, -45);
    expect(expected).toEqual([6, 7, 8]);
    expect(slices).toEqual({ first: 6, last: 8 });
    expect(isFindingOnPlane(finding, frame.normal, -100 + 8 * 5, 8)).toBe(true);
    expect(isFindingOnPlane(finding, frame.normal, -100 + 8 * 4, 8)).toBe(false);
    expect(isFindingOnPlane(finding, frame.normal, -100 + 8 * 8, 8)).toBe(false);

    const mapping: ScreenMapping = { frame, center: [0, 0, -52], mmPerPixel: 0.5, width: 400, height: 400 };
    const { outline, center } = findingOnScreen(finding, mapping)!;
    expect(outline).toHaveLength(4);
    // Axial from the feet: patient left (+x) to screen right, anterior (−y) up.
    const b = outlineBounds(outline!);
    expect(b.left).toBeCloseTo(180, 9);
    expect(b.right).toBeCloseTo(220, 9);
    expect(b.top).toBeCloseTo(160, 9);
    expect(b.bottom).toBeCloseTo(240, 9);
    expect(center).toEqual({ x: 200, y: 200 });
  });

  it('coronal: shows the box on the slices its y-extent covers, as the rectangle of its x/z extent', () => {
    const frame = baseFrame('coronal', ct);
    const slices = findingSlices(finding, ct, frame.normal);
    const expected = slicesByBruteForce(-180, 0.65, 512, -20, 20);
    expect(slices).toEqual({ first: expected[0], last: expected.at(-1) });
    expect(expected.length).toBe(63);

    const mapping: ScreenMapping = { frame, center: [0, 0, -52], mmPerPixel: 0.5, width: 400, height: 400 };
    const b = outlineBounds(findingOnScreen(finding, mapping)!.outline!);
    expect(b.left).toBeCloseTo(180, 9);
    expect(b.right).toBeCloseTo(220, 9);
    // Superior up: z = −45 (7 mm above the centre) at y = 186, z = −60 at y = 216.
    expect(b.top).toBeCloseTo(186, 9);
    expect(b.bottom).toBeCloseTo(216, 9);
  });

  it('a finding with neither a centre nor a box is never drawn', () => {
    expect(findingSlices({}, ct, baseFrame('axial', ct).normal)).toBeNull();
    expect(isFindingOnPlane({}, [0, 0, 1], 0, 8)).toBe(false);
    expect(findingOnScreen({}, { frame: baseFrame('axial', ct), center: [0, 0, 0], mmPerPixel: 1, width: 10, height: 10 })).toBeNull();
  });

  it('a finding outside the volume shows on no slice', () => {
    const far = { centerLPS: [0, 0, 500] as Vec3, boundsLPS: [[0, 0, 490], [1, 1, 510]] as [Vec3, Vec3] };
    expect(findingSlices(far, ct, baseFrame('axial', ct).normal)).toBeNull();
  });

  it('a finding without a box is a marker on the one slice through its centre', () => {
    const point = { centerLPS: [3, 4, -52] as Vec3 };
    expect(findingSlices(point, ct, baseFrame('axial', ct).normal)).toEqual({ first: 7, last: 7 });
    expect(findingOnScreen(point, { frame: baseFrame('axial', ct), center: [0, 0, -52], mmPerPixel: 1, width: 100, height: 100 })).toEqual({
      outline: null,
      center: { x: 53, y: 54 },
    });
  });

  it('oblique: the outline is the convex hull of the projected corners and contains every corner', () => {
    // An axial plane tilted by about 25° (what oblique MPR produces): unit normal, orthogonal up.
    const normal = normalize([0.1, -0.42, 0.9]);
    const frame = { normal, up: normalize(cross(normal, [1, 0, 0])) };
    const mapping: ScreenMapping = { frame, center: [0, 0, -52], mmPerPixel: 0.5, width: 400, height: 400 };
    const outline = findingOnScreen(finding, mapping)!.outline!;
    expect(outline.length).toBeGreaterThanOrEqual(4);
    expect(outline.length).toBeLessThanOrEqual(6);
    // Convex and counter-clockwise in screen coordinates: every corner lies on the inner side of every edge.
    const corners = [0, 1].flatMap((a) => [0, 1].flatMap((b) => [0, 1].map((c) => worldToScreen(mapping, [box[a]![0], box[b]![1], box[c]![2]]))));
    for (let n = 0; n < outline.length; n++) {
      const p = outline[n]!;
      const q = outline[(n + 1) % outline.length]!;
      for (const c of corners) expect((q.x - p.x) * (c.y - p.y) - (q.y - p.y) * (c.x - p.x)).toBeGreaterThanOrEqual(-1e-6);
    }
    expect(sliceStep(ct, frame.normal)).toBeGreaterThan(0.65);
  });
});
