// One AI output drawn over the images: a label map, a parametric map or a heat map, with its own
// voxel grid (LPS, mm: usually the source series' grid), its voxels, and how it is shown (on/off,
// opacity). The colour lookup turns a voxel value into a packed RGBA pixel (0 = transparent).
import type { AnalysisOutput } from '../../../../electron/shared/ai-results';
import type { VolumeGeometry } from '../engine/slice-geometry';
import { type ColorMapName, colorTable } from './color-maps';

export type OverlayVoxels = Uint8Array | Uint16Array | Float32Array;

export interface OverlayLayer {
  /** "<analysisId>:<outputIndex>". */
  id: string;
  analysisId: number;
  outputIndex: number;
  output: AnalysisOutput;
  grid: VolumeGeometry;
  voxels: OverlayVoxels;
  visible: boolean;
  /** 0–1, applied on top of the colour table. */
  opacity: number;
}

export const DEFAULT_OPACITY: Record<AnalysisOutput['kind'], number> = { labelmap: 0.5, parametric: 0.6, heatmap: 0.5 };

/** Packs a colour as the Uint32 of an RGBA byte quadruple on a little-endian machine (every browser we run in). */
export function packRgba(r: number, g: number, b: number, a: number): number {
  return (((a & 255) << 24) | ((b & 255) << 16) | ((g & 255) << 8) | (r & 255)) >>> 0;
}

/** Maps a voxel value to a packed RGBA pixel; 0 means "draw nothing". */
export type Colorize = (value: number) => number;

/** Label maps: each listed label in its colour; label 0 and unlisted values are transparent. */
export function labelColorize(output: AnalysisOutput, alpha = 255): Colorize {
  const table = new Map<number, number>();
  for (const [value, label] of Object.entries(output.labels ?? {})) {
    const v = Number(value);
    if (v !== 0 && Number.isInteger(v)) table.set(v, packRgba(label.color[0], label.color[1], label.color[2], alpha));
  }
  const max = Math.max(0, ...table.keys());
  // A dense table for the usual small label counts (2–104 labels); values beyond it are unlisted.
  const dense = new Uint32Array(max + 1);
  for (const [v, c] of table) dense[v] = c;
  return (value) => (value > 0 && value <= max ? (dense[value] ?? 0) : 0);
}

/**
 * Parametric and heat maps: values above the display range's low end in the map's colours; the
 * low end itself, below it and NaN (no value: outside the brain mask, outside a lesion) are transparent.
 */
export function rangeColorize(output: AnalysisOutput, alpha = 255, fallbackRange: readonly [number, number] = [0, 1]): Colorize {
  const [lo, hi] = output.displayRange ?? fallbackRange;
  const name: ColorMapName = output.colorMap ?? (output.kind === 'heatmap' ? 'hot' : 'jet');
  const table = Uint32Array.from(colorTable(name), ([r, g, b]) => packRgba(r, g, b, alpha));
  const scale = hi > lo ? 255 / (hi - lo) : 0;
  return (value) => {
    if (!(value > lo)) return 0;
    return table[Math.min(255, Math.round((value - lo) * scale))]!;
  };
}

export function colorizeFor(layer: Pick<OverlayLayer, 'output' | 'opacity'>): Colorize {
  const alpha = Math.round(Math.min(1, Math.max(0, layer.opacity)) * 255);
  return layer.output.kind === 'labelmap' ? labelColorize(layer.output, alpha) : rangeColorize(layer.output, alpha);
}
