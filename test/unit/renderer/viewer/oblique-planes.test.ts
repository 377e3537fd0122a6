import { describe, expect, it } from 'vitest';
import {
  IDENTITY_ROTATION,
  type Mat3,
  angleChange,
  applyRotation,
  distanceToLine,
  isIdentity,
  obliqueFrame,
  planeLineOnScreen,
  rotationAbout,
  screenAngle,
  turnPlanes,
} from '../../../../renderer/src/viewer/engine/oblique-planes';
import { edgeMarkers } from '../../../../renderer/src/viewer/engine/orientation-markers';
import { baseFrame, rightOf, sliceStep, type ViewFrame } from '../../../../renderer/src/viewer/engine/slice-geometry';
import { cross, dot, length } from '../../../../renderer/src/viewer/engine/vec3';
import { seededRandom } from '../../../support/seeded-random';
import { chestCt as ct, expectVecClose as close } from './chest-ct-geometry';

const MPR = ['axial', 'coronal', 'sagittal'] as const;
const deg = (d: number) => (d * Math.PI) / 180;
const frames = (r: Mat3): ViewFrame[] => MPR.map((o) => obliqueFrame(baseFrame(o, ct), r));
const lineAngle = (l: { dx: number; dy: number } | null) => (Math.atan2(-l!.dy, l!.dx) * 180) / Math.PI;

describe('rotations', () => {
  it('turns right-handed about an axis and composes to the identity after a full turn', () => {
    close(applyRotation(rotationAbout([0, 0, 1], deg(90)), [1, 0, 0]), [0, 1, 0]);
    let r: Mat3 = IDENTITY_ROTATION;
    for (let i = 0; i < 72; i++) r = turnPlanes(r, [0, 0, 1], deg(5));
    expect(isIdentity(r, 1e-9)).toBe(true);
    expect(isIdentity(turnPlanes(IDENTITY_ROTATION, [0, 0, 1], deg(1)))).toBe(false);
  });
});

describe('oblique MPR planes', () => {
  it('keep the three views orthogonal to each other after any sequence of turns in any view', () => {
    const random = seededRandom(4);
    let r: Mat3 = IDENTITY_ROTATION;
    for (let step = 0; step < 500; step++) {
      const view = frames(r)[Math.floor(random() * 3)]!;
      r = turnPlanes(r, view.normal, (random() - 0.5) * deg(40));
      const f = frames(r);
      for (const frame of f) {
        expect(length(frame.normal)).toBeCloseTo(1, 9);
        expect(length(frame.up)).toBeCloseTo(1, 9);
        expect(dot(frame.normal, frame.up)).toBeCloseTo(0, 9);
      }
      expect(dot(f[0]!.normal, f[1]!.normal)).toBeCloseTo(0, 9);
      expect(dot(f[0]!.normal, f[2]!.normal)).toBeCloseTo(0, 9);
      expect(dot(f[1]!.normal, f[2]!.normal)).toBeCloseTo(0, 9);
      // Still a right-handed set: the sagittal normal is the same cross product as unturned.
      close(cross(f[1]!.normal, f[0]!.normal), f[2]!.normal.map((v) => -v), 9);
    }
  });

  it('turning in the axial view turns the coronal and sagittal planes about the axial normal, not the axial image', () => {
    const axial = baseFrame('axial', ct);
    const r = turnPlanes(IDENTITY_ROTATION, axial.normal, deg(30));
    const [a, c, s] = frames(r);
    close(a!.normal, axial.normal);
    close(a!.up, axial.up);
    // Counter-clockwise on screen (from L towards A): the coronal normal turns from P towards L.
    close(c!.normal, [Math.sin(deg(30)), Math.cos(deg(30)), 0]);
    close(c!.up, [0, 0, 1]);
    close(s!.normal, [-Math.cos(deg(30)), Math.sin(deg(30)), 0]);
  });

  it('draws the other planes as lines that follow the mouse in the view where they are turned', () => {
    const axial = baseFrame('axial', ct);
    const before = frames(IDENTITY_ROTATION);
    expect(lineAngle(planeLineOnScreen(before[0]!, rightOf(before[0]!), before[1]!.normal)) % 180).toBeCloseTo(0, 9); // coronal: horizontal
    expect(Math.abs(lineAngle(planeLineOnScreen(before[0]!, rightOf(before[0]!), before[2]!.normal)))).toBeCloseTo(90, 9); // sagittal: vertical
    const after = frames(turnPlanes(IDENTITY_ROTATION, axial.normal, deg(20)));
    const coronalLine = lineAngle(planeLineOnScreen(after[0]!, rightOf(after[0]!), after[1]!.normal));
    expect(((coronalLine % 180) + 180) % 180).toBeCloseTo(20, 9);
    // A view's own plane is not a line in itself.
    expect(planeLineOnScreen(after[0]!, rightOf(after[0]!), after[0]!.normal)).toBeNull();
  });

  it('labels the edges of a turned coronal view with oblique letters', () => {
    const r = turnPlanes(IDENTITY_ROTATION, baseFrame('axial', ct).normal, deg(30));
    const coronal = obliqueFrame(baseFrame('coronal', ct), r);
    const markers = edgeMarkers(rightOf(coronal), coronal.up);
    expect(markers).toEqual({ right: 'LA', left: 'RP', top: 'S', bottom: 'I' });
    // Tilted 40° in the sagittal view, the axial view's top edge is anterior and superior or inferior.
    const tilt = turnPlanes(IDENTITY_ROTATION, baseFrame('sagittal', ct).normal, deg(40));
    const axial = obliqueFrame(baseFrame('axial', ct), tilt);
    const top = edgeMarkers(rightOf(axial), axial.up).top;
    expect(top).toMatch(/^A[SI]$/);
    expect(edgeMarkers(rightOf(axial), axial.up).right).toBe('L');
  });

  it('keeps a valid frame when a plane is turned onto its own up direction (90° tilt)', () => {
    const tilt = turnPlanes(IDENTITY_ROTATION, baseFrame('sagittal', ct).normal, deg(90));
    for (const frame of frames(tilt)) {
      expect(length(frame.up)).toBeCloseTo(1, 9);
      expect(dot(frame.normal, frame.up)).toBeCloseTo(0, 9);
    }
  });

  it('steps an oblique plane by the voxel extent along its normal', () => {
    const r = turnPlanes(IDENTITY_ROTATION, baseFrame('sagittal', ct).normal, deg(45));
    const axial = obliqueFrame(baseFrame('axial', ct), r);
    // Half-way between 0.65 mm and 8 mm in the harmonic sense: 1 / sqrt(0.5/0.65² + 0.5/8²).
    expect(sliceStep(ct, axial.normal)).toBeCloseTo(1 / Math.sqrt(0.5 / 0.65 ** 2 + 0.5 / 64), 9);
  });
});

describe('grabbing a crosshair line', () => {
  it('measures the distance to a line and the counter-clockwise angle around the centre', () => {
    const c = { x: 100, y: 100 };
    expect(distanceToLine({ x: 150, y: 104 }, c, { dx: 1, dy: 0 })).toBeCloseTo(4, 9);
    expect(distanceToLine({ x: 100, y: 40 }, c, { dx: 0, dy: 1 })).toBeCloseTo(0, 9);
    expect((screenAngle({ x: 100, y: 50 }, c) * 180) / Math.PI).toBeCloseTo(90, 9); // straight up
    expect((screenAngle({ x: 50, y: 50 }, c) * 180) / Math.PI).toBeCloseTo(135, 9);
    // Dragging across the left (±180°) side is a small step.
    const above = screenAngle({ x: 50, y: 99 }, c);
    const below = screenAngle({ x: 50, y: 101 }, c);
    expect(Math.abs(angleChange(above, below))).toBeLessThan(0.05);
    expect(angleChange(above, below)).toBeGreaterThan(0); // counter-clockwise on screen
  });
});
