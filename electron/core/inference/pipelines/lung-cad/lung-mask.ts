// Lung segmentation on the working grid, the classical way (Hu S., Hoffman E.A., Reinhardt J.M.,
// IEEE TMI 20:490, 2001, simplified): air below `lungHu` that is not connected to the edge of
// its slice (the air around the patient), its large 3-D components (the lungs, not bowel gas),
// minus the trachea and main bronchi (slice components of lumen air), then closed with a disc
// and hole-filled per slice so nodules and vessels inside the lung, and lesions touching the
// pleura or mediastinum up to about twice the disc radius, lie inside the mask.
import { connectedComponents } from '../volume-ops/connected-components';
import { closeSlices, connectedToSliceEdge, fillSliceHoles } from '../volume-ops/slice-morphology';
import type { Index3 } from './working-grid';

export interface LungMask {
  /** Aerated lung (airways removed). */
  lung: Uint8Array;
  /** Lung closed and hole-filled: where a lesion may be. */
  region: Uint8Array;
  /** Working i coordinate (continuous) of the body's mid-line: the centroid of the body. */
  midlineI: number;
  /** Lung volume in mL (aerated lung, both sides). */
  volumeMl: number;
}

export interface LungMaskThresholds {
  lungHu: number;
  airwayHu: number;
  pleuralClosingMm: number;
}

/** A lung is at least this share of the largest air component; bowel gas and stray pockets are far smaller. */
const MIN_LUNG_SHARE = 0.1;
/** Airway cross-sections: the trachea is 15–25 mm wide (≈ 180–500 mm²); 1500 mm² leaves margin. */
const MAX_AIRWAY_AREA_MM2 = 1500;

export function segmentLungs(hu: Float32Array, dims: Index3, spacing: Index3, t: LungMaskThresholds): LungMask {
  const ni = dims[0];
  const air = new Uint8Array(hu.length);
  for (let v = 0; v < hu.length; v++) air[v] = (hu[v] as number) < t.lungHu ? 1 : 0;
  const outside = connectedToSliceEdge(air, dims);

  let bodySum = 0;
  let bodyCount = 0;
  const inner = new Uint8Array(hu.length);
  for (let v = 0; v < hu.length; v++) {
    if (outside[v]) continue;
    bodySum += v % ni;
    bodyCount++;
    if (air[v]) inner[v] = 1;
  }
  const midlineI = bodyCount ? bodySum / bodyCount : ni / 2;

  const { labels, sizes } = connectedComponents(inner, dims, 6);
  const largest = sizes.length ? Math.max(...sizes) : 0;
  const lung = new Uint8Array(hu.length);
  for (let v = 0; v < hu.length; v++) {
    const label = labels[v] as number;
    if (label && (sizes[label - 1] as number) >= MIN_LUNG_SHARE * largest) lung[v] = 1;
  }
  removeAirways(lung, hu, dims, spacing, midlineI, t.airwayHu);

  const radius = Math.max(1, Math.round(t.pleuralClosingMm / Math.min(spacing[0], spacing[1])));
  const region = fillSliceHoles(closeSlices(lung, dims, radius), dims);
  let count = 0;
  for (let v = 0; v < lung.length; v++) count += lung[v] as number;
  return { lung, region, midlineI, volumeMl: (count * spacing[0] * spacing[1] * spacing[2]) / 1000 };
}

/**
 * Per slice, a lung-mask component that is small, near the mid-line and almost pure air (mean
 * below `airwayHu`; aerated parenchyma is −700 to −900 HU) is an airway lumen, not lung.
 */
function removeAirways(lung: Uint8Array, hu: Float32Array, dims: Index3, spacing: Index3, midlineI: number, airwayHu: number): void {
  const [ni, nj, nk] = dims;
  const plane = ni * nj;
  const pixelMm2 = spacing[0] * spacing[1];
  const central = 0.2 * ni;
  for (let k = 0; k < nk; k++) {
    const slice = lung.subarray(k * plane, (k + 1) * plane);
    const { labels, sizes } = connectedComponents(slice, [ni, nj, 1], 6);
    const sum = new Float64Array(sizes.length);
    const sumI = new Float64Array(sizes.length);
    for (let p = 0; p < plane; p++) {
      const label = labels[p] as number;
      if (!label) continue;
      sum[label - 1] = (sum[label - 1] as number) + (hu[k * plane + p] as number);
      sumI[label - 1] = (sumI[label - 1] as number) + (p % ni);
    }
    const airway = sizes.map((size, n) => {
      const meanHu = (sum[n] as number) / size;
      const centreI = (sumI[n] as number) / size;
      return size * pixelMm2 <= MAX_AIRWAY_AREA_MM2 && meanHu < airwayHu && Math.abs(centreI - midlineI) < central;
    });
    for (let p = 0; p < plane; p++) {
      const label = labels[p] as number;
      if (label && airway[label - 1]) slice[p] = 0;
    }
  }
}
