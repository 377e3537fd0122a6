import { describe, expect, it } from 'vitest';
import { edgeMarkers, orientationLabel } from '../../../../renderer/src/viewer/engine/orientation-markers';

describe('orientation letters (LPS, PS3.3 C.7.6.2.1.1)', () => {
  it('names the six patient directions', () => {
    expect(orientationLabel([1, 0, 0])).toBe('L');
    expect(orientationLabel([-1, 0, 0])).toBe('R');
    expect(orientationLabel([0, 1, 0])).toBe('P');
    expect(orientationLabel([0, -1, 0])).toBe('A');
    expect(orientationLabel([0, 0, 1])).toBe('S');
    expect(orientationLabel([0, 0, -1])).toBe('I');
  });

  it('gives every contributing axis of an oblique direction, strongest first', () => {
    const c = Math.cos(Math.PI / 6);
    const s = Math.sin(Math.PI / 6);
    expect(orientationLabel([c, -s, 0])).toBe('LA');
    expect(orientationLabel([-s, 0, c])).toBe('SR');
    expect(orientationLabel([0.6, 0.48, -0.64])).toBe('ILP');
    // A small tilt (about 5°) does not earn a second letter.
    expect(orientationLabel([Math.cos(0.09), 0, Math.sin(0.09)])).toBe('L');
    expect(orientationLabel([0, 0, 0])).toBe('');
  });

  it('is independent of the vector length', () => {
    expect(orientationLabel([0, -5, 5.5])).toBe(orientationLabel([0, -1, 1.1]));
  });

  it('labels the edges of the standard radiological views', () => {
    // Axial from the feet: patient left on screen right, anterior up.
    expect(edgeMarkers([1, 0, 0], [0, -1, 0])).toEqual({ left: 'R', right: 'L', top: 'A', bottom: 'P' });
    // Coronal from the front; sagittal from the left (anterior on screen left).
    expect(edgeMarkers([1, 0, 0], [0, 0, 1])).toEqual({ left: 'R', right: 'L', top: 'S', bottom: 'I' });
    expect(edgeMarkers([0, 1, 0], [0, 0, 1])).toEqual({ left: 'A', right: 'P', top: 'S', bottom: 'I' });
  });

  it('follows a gantry-tilted stack: the rows tilt towards S/I', () => {
    const t = (18.5 * Math.PI) / 180;
    const up: [number, number, number] = [0, -Math.cos(t), Math.sin(t)];
    expect(edgeMarkers([1, 0, 0], up)).toEqual({ left: 'R', right: 'L', top: 'AS', bottom: 'PI' });
  });
});
