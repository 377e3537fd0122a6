// Moving, resizing and drawing a finding's LPS box on a 2-D view: screen ↔ LPS on axial, coronal
// and an oblique plane, the opposite side held still by a resize, axes in mm, handle hit tests.
import { describe, expect, it } from 'vitest';
import {
  axesInPlane,
  boxCenter,
  dragBox,
  drawnFinding,
  editedGeometry,
  extentAlong,
  hitBox,
  resizeBoxOnScreen,
  sideOf,
} from '../../../../../renderer/src/viewer/ai-overlays/finding-box-edit';
import { boxCorners, findingOnScreen, outlineBounds } from '../../../../../renderer/src/viewer/ai-overlays/finding-geometry';
import { obliqueFrame, rotationAbout } from '../../../../../renderer/src/viewer/engine/oblique-planes';
import { type ScreenMapping, baseFrame, rightOf, worldToScreen } from '../../../../../renderer/src/viewer/engine/slice-geometry';
import { type Vec3, dot } from '../../../../../renderer/src/viewer/engine/vec3';
import { chestCt as ct, expectVecClose } from '../chest-ct-geometry';

const box: [Vec3, Vec3] = [
  [-80, -20, -60],
  [-60, 10, -44],
];

function mappingOf(orientation: 'axial' | 'coronal' | 'sagittal', mmPerPixel = 0.5, rotation = rotationAbout([0, 0, 1], 0)): ScreenMapping {
  return { frame: obliqueFrame(baseFrame(orientation, ct), rotation), center: [-70, -5, -52], mmPerPixel, width: 600, height: 400 };
}
const oblique = () => mappingOf('axial', 0.7, rotationAbout([1, 0.3, 0], (25 * Math.PI) / 180));

describe('moving a box by a screen drag', () => {
  it('moves it in the plane by the drag times mm per pixel, on axial, coronal and oblique views', () => {
    for (const m of [mappingOf('axial'), mappingOf('coronal', 0.8), mappingOf('sagittal', 0.3), oblique()]) {
      const moved = dragBox(box, { kind: 'move' }, m, 40, -20);
      const before = worldToScreen(m, boxCenter(box));
      const after = worldToScreen(m, boxCenter(moved));
      // The centre lands under the pointer's new position, and stays on the same plane (no motion along the normal).
      expect(after.x - before.x).toBeCloseTo(40, 6);
      expect(after.y - before.y).toBeCloseTo(-20, 6);
      expect(dot(boxCenter(moved), m.frame.normal)).toBeCloseTo(dot(boxCenter(box), m.frame.normal), 9);
      // Size is unchanged.
      for (const a of [0, 1, 2]) expect(moved[1][a]! - moved[0][a]!).toBeCloseTo(box[1][a]! - box[0][a]!, 9);
    }
  });

  it('on an axial view, 40 px right at 0.5 mm/px is 20 mm towards patient left (+x); 20 px up is 10 mm anterior (−y)', () => {
    const moved = dragBox(box, { kind: 'move' }, mappingOf('axial'), 40, -20);
    expectVecClose(boxCenter(moved), [-70 + 20, -5 - 10, -52]);
  });
});

describe('resizing a box by a handle', () => {
  it('keeps the opposite corner fixed on screen and changes the screen size by the drag', () => {
    for (const m of [mappingOf('axial'), mappingOf('coronal', 0.8), oblique()]) {
      const outline = findingOnScreen({ boundsLPS: box }, m)!.outline!;
      const r0 = outlineBounds(outline);
      const next = dragBox(box, { kind: 'resize', x: 1, y: 1 }, m, 30, 16);
      const r1 = outlineBounds(findingOnScreen({ boundsLPS: next }, m)!.outline!);
      // Bottom-right handle: the top-left stays, the right edge moves 30 px, the bottom edge 16 px.
      expect(r1.left).toBeCloseTo(r0.left, 6);
      expect(r1.top).toBeCloseTo(r0.top, 6);
      expect(r1.right - r0.right).toBeCloseTo(30, 6);
      expect(r1.bottom - r0.bottom).toBeCloseTo(16, 6);
    }
  });

  it('the top-left handle keeps the bottom-right corner; an edge handle changes one direction only (axial)', () => {
    const m = mappingOf('axial');
    const r0 = outlineBounds(findingOnScreen({ boundsLPS: box }, m)!.outline!);
    const r1 = outlineBounds(findingOnScreen({ boundsLPS: dragBox(box, { kind: 'resize', x: -1, y: -1 }, m, -10, -6) }, m)!.outline!);
    expect([r1.right, r1.bottom]).toEqual([expect.closeTo(r0.right, 6), expect.closeTo(r0.bottom, 6)]);
    expect([r1.left, r1.top]).toEqual([expect.closeTo(r0.left - 10, 6), expect.closeTo(r0.top - 6, 6)]);
    const edge = dragBox(box, { kind: 'resize', x: 0, y: 1 }, m, 25, 10);
    // Bottom edge on an axial view is posterior (+y): only hi.y moves, by 10 px × 0.5 mm.
    expectVecClose(edge[0], box[0]);
    expectVecClose(edge[1], [box[1][0], box[1][1] + 5, box[1][2]]);
  });

  it('moves only the named edges on an oblique plane too, and turns over past the opposite side', () => {
    const m = oblique();
    const right = rightOf(m.frame);
    const grown = resizeBoxOnScreen(box, m.frame, { left: 0, right: 7, top: 0, bottom: 0 });
    expect(extentAlong(grown, right)).toBeCloseTo(extentAlong(box, right) + 7, 9);
    expect(extentAlong(grown, m.frame.up)).toBeCloseTo(extentAlong(box, m.frame.up), 9);
    const axial = baseFrame('axial', ct);
    const over = resizeBoxOnScreen(box, axial, { left: 0, right: -30, top: 0, bottom: 0 }); // 20 mm wide, the right edge dragged 30 mm left
    expectVecClose(over[0], [-90, -20, -60]);
    expectVecClose(over[1], [-80, 10, -44]);
  });
});

describe('axes and values of an edited box', () => {
  it('reads the in-plane sides: axial = L–R and A–P, coronal = L–R and S–I', () => {
    expect(axesInPlane(box, baseFrame('axial', ct))).toEqual({ longAxisMm: 30, shortAxisMm: 20 });
    expect(axesInPlane(box, baseFrame('coronal', ct))).toEqual({ longAxisMm: 20, shortAxisMm: 16 });
    expect(axesInPlane(box, baseFrame('sagittal', ct))).toEqual({ longAxisMm: 30, shortAxisMm: 16 });
  });

  it('a move carries the AI centre (not the box centre) along and keeps the axes; a resize centres on the box and reads its axes', () => {
    const frame = baseFrame('axial', ct);
    const moved = editedGeometry({ centerLPS: [-72, -3, -52], boundsLPS: box }, [[-70, -20, -60], [-50, 10, -44]], { kind: 'move' }, frame);
    expect(moved).toEqual({ centerLPS: [-62, -3, -52], boundsLPS: [[-70, -20, -60], [-50, 10, -44]] });
    const resized = editedGeometry({ centerLPS: [-72, -3, -52], boundsLPS: box }, [[-80, -20, -60], [-50, 10, -44]], { kind: 'resize', x: 1, y: 0 }, frame);
    expect(resized).toEqual({ centerLPS: [-65, -5, -52], boundsLPS: [[-80, -20, -60], [-50, 10, -44]], longAxisMm: 30, shortAxisMm: 30 });
  });
});

describe('grabbing the selected box', () => {
  const m = mappingOf('axial');
  const outline = findingOnScreen({ boundsLPS: box }, m)!.outline!;
  const r = outlineBounds(outline);
  it('corners and edges within the handle size resize, the inside moves, outside is left to the tool', () => {
    expect(hitBox({ x: r.right + 3, y: r.bottom - 2 }, outline)).toEqual({ kind: 'resize', x: 1, y: 1 });
    expect(hitBox({ x: r.left, y: (r.top + r.bottom) / 2 }, outline)).toEqual({ kind: 'resize', x: -1, y: 0 });
    expect(hitBox({ x: (r.left + r.right) / 2 + 8, y: (r.top + r.bottom) / 2 }, outline)).toEqual({ kind: 'move' });
    expect(hitBox({ x: r.right + 20, y: r.bottom + 20 }, outline)).toBeNull();
  });
  it('a box a few pixels across moves from its middle; its corners still resize', () => {
    const small = [{ x: 100, y: 100 }, { x: 112, y: 100 }, { x: 112, y: 109 }, { x: 100, y: 109 }];
    expect(hitBox({ x: 106, y: 104.5 }, small)).toEqual({ kind: 'move' });
    expect(hitBox({ x: 112, y: 109 }, small)).toEqual({ kind: 'resize', x: 1, y: 1 });
  });
});

describe('drawing a missed finding', () => {
  it('an axial drag gives a flat box on the slice, axes from the drag in mm, the side from x', () => {
    const m = mappingOf('axial');
    const d = drawnFinding(m, { x: 280, y: 190 }, { x: 320, y: 214 }, 'ellipse');
    expect(d.longAxisMm).toBe(20);
    expect(d.shortAxisMm).toBe(12);
    expect(d.boundsLPS[0][2]).toBe(-52);
    expect(d.boundsLPS[1][2]).toBe(-52);
    // Screen down is posterior (+y) on an axial view: 2 px below the centre is 1 mm posterior.
    expectVecClose(d.centerLPS, [-70, -5 + (202 - 200) * 0.5, -52]);
    expect(d.side).toBe('right');
    expect(d.shape).toBe('ellipse');
  });

  it('on an oblique plane every drawn corner lies inside the LPS box and on the plane', () => {
    const m = oblique();
    const d = drawnFinding(m, { x: 100, y: 100 }, { x: 180, y: 150 }, 'box');
    expect(d.longAxisMm).toBeCloseTo(80 * 0.7, 1);
    expect(d.shortAxisMm).toBeCloseTo(50 * 0.7, 1);
    const right = rightOf(m.frame);
    // The box's corners seen along screen right span at least the drawn width (the box encloses the rectangle).
    const along = boxCorners(d.boundsLPS).map((c) => dot(c, right));
    expect(Math.max(...along) - Math.min(...along)).toBeGreaterThanOrEqual(80 * 0.7 - 0.05);
  });

  it('names the side by LPS x: + is the patient left, near 0 midline', () => {
    expect([sideOf(40), sideOf(-40), sideOf(2)]).toEqual(['left', 'right', 'midline']);
  });
});
