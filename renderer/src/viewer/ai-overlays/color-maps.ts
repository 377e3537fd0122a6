// Colour maps of parametric and heat overlays (ADC, probability, saliency) as 256-entry lookup
// tables, and the CSS gradient of the colour bar drawn beside them, so the bar and the pixels come
// from the same table. Control points: matplotlib's "hot" and "viridis", MATLAB's "jet".
import type { AnalysisOutput } from '../../../../electron/shared/ai-results';

export type ColorMapName = NonNullable<AnalysisOutput['colorMap']>;
type Rgb = readonly [number, number, number];

const CONTROL_POINTS: Record<ColorMapName, readonly Rgb[]> = {
  hot: [
    [0, 0, 0],
    [230, 0, 0],
    [255, 210, 0],
    [255, 255, 255],
  ],
  jet: [
    [0, 0, 143],
    [0, 0, 255],
    [0, 255, 255],
    [255, 255, 0],
    [255, 0, 0],
    [128, 0, 0],
  ],
  viridis: [
    [68, 1, 84],
    [59, 82, 139],
    [33, 145, 140],
    [94, 201, 98],
    [253, 231, 37],
  ],
  grayscale: [
    [0, 0, 0],
    [255, 255, 255],
  ],
};

/** Colour at t ∈ [0, 1] (clamped), linearly interpolated between the control points. */
export function colorAt(name: ColorMapName, t: number): Rgb {
  const points = CONTROL_POINTS[name];
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (points.length - 1);
  const i = Math.min(points.length - 2, Math.floor(x));
  const f = x - i;
  const a = points[i]!;
  const b = points[i + 1]!;
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

/** 256 colours from the bottom to the top of the map. */
export function colorTable(name: ColorMapName): Rgb[] {
  return Array.from({ length: 256 }, (_, n) => colorAt(name, n / 255));
}

/** `linear-gradient(to top, …)` for a vertical colour bar (low values at the bottom). */
export function colorBarGradient(name: ColorMapName): string {
  const stops = Array.from({ length: 9 }, (_, n) => {
    const [r, g, b] = colorAt(name, n / 8);
    return `rgb(${r}, ${g}, ${b}) ${(n / 8) * 100}%`;
  });
  return `linear-gradient(to top, ${stops.join(', ')})`;
}
