// Side and approximate lobe of a point in the lungs. Side: the patient x coordinate (DICOM LPS:
// +x is the patient's left) against the body's mid-line. Lobe: NOT a fissure detection — each
// lung's bounding box (LPS, from the lung mask) gives a height u (0 apex … 1 base) and a depth
// v (0 anterior … 1 posterior); the oblique fissure is modelled as the plane u = 0.3 + 0.45·(1 − v)
// (high at the back near T4, reaching the base in front), the right horizontal fissure as
// u = 0.45 in front of it. Near a fissure the lobe may be wrong; the card says so.
import type { Side } from '../../../../shared/ai-results';

type Vec3 = readonly [number, number, number];

export interface LungBox {
  top: number;
  bottom: number;
  anterior: number;
  posterior: number;
}

export interface LungGeometry {
  /** LPS x of the body mid-line. */
  midlineX: number;
  right: LungBox | null;
  left: LungBox | null;
}

export interface LungLocation {
  side: Side;
  location: string;
  locationName: { en: string; 'zh-CN': string };
}

const LOBE_NAMES: Record<string, string> = {
  'right upper lobe': '右肺上叶',
  'right middle lobe': '右肺中叶',
  'right lower lobe': '右肺下叶',
  'left upper lobe': '左肺上叶',
  'left lower lobe': '左肺下叶',
};

/** Bounding boxes of each lung from the lung voxels' LPS positions (`toLps` maps a voxel index). */
export function lungGeometry(lung: Uint8Array, midlineX: number, toLps: (v: number) => Vec3): LungGeometry {
  const boxes: Record<'left' | 'right', LungBox | null> = { left: null, right: null };
  for (let v = 0; v < lung.length; v++) {
    if (!lung[v]) continue;
    const [x, y, z] = toLps(v);
    const side = x > midlineX ? 'left' : 'right';
    const b = (boxes[side] ??= { top: z, bottom: z, anterior: y, posterior: y });
    if (z > b.top) b.top = z;
    if (z < b.bottom) b.bottom = z;
    if (y < b.anterior) b.anterior = y;
    if (y > b.posterior) b.posterior = y;
  }
  return { midlineX, ...boxes };
}

export function locate(point: Vec3, g: LungGeometry): LungLocation {
  const [x, y, z] = point;
  const side: Side = x > g.midlineX ? 'left' : 'right';
  const box = g[side];
  let lobe: string;
  if (!box) {
    lobe = `${side} lung`;
  } else {
    const u = clamp01((box.top - z) / Math.max(box.top - box.bottom, 1e-6));
    const v = clamp01((y - box.anterior) / Math.max(box.posterior - box.anterior, 1e-6));
    const lower = u > 0.3 + 0.45 * (1 - v);
    if (lower) lobe = `${side} lower lobe`;
    else if (side === 'right' && u >= 0.45) lobe = 'right middle lobe';
    else lobe = `${side} upper lobe`;
  }
  const zh = LOBE_NAMES[lobe] ?? (side === 'left' ? '左肺' : '右肺');
  return { side, location: lobe, locationName: { en: `${lobe} (approximate)`, 'zh-CN': `${zh}（近似）` } };
}

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));
