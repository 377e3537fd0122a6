// What a viewport's overlay shows, as a plain immutable object computed from the engine state
// after each frame; React reads it through useSyncExternalStore and never touches vtk.js.
import { type AngleMeasurement, formatLength, isOnSlice, lengthMm, type LengthMeasurement, type RoiMeasurement } from './measurements';
import { angleDegrees, formatAngle, formatArea } from './roi-statistics';
import { type PlaneLine, planeLineOnScreen } from './oblique-planes';
import { type EdgeMarkers, edgeMarkers } from './orientation-markers';
import type { SliceOrientation } from './slice-geometry';
import { screenToWorld, worldToScreen } from './slice-geometry';
import type { SlabMode, SliceViewport } from './slice-viewport';
import { type Vec3, add, scale, sub } from './vec3';
import type { VolumePreset } from './volume-presets';
import type { WindowLevel } from './window-presets';

export interface ScreenLine {
  id: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  label: string;
  mm: number;
}

/** An ROI on screen: its outline (corners, or 48 points of an ellipse) and a label with area and mean ± SD. */
export interface ScreenRoi {
  id: number;
  points: { x: number; y: number }[];
  label: string;
  mean: number | null;
}

/** An angle on screen: its polyline and the angle at the vertex (null while being placed). */
export interface ScreenAngle {
  id: number;
  points: { x: number; y: number }[];
  degrees: number | null;
  label: string;
}

export interface SliceSnapshot {
  kind: 'slice';
  orientation: SliceOrientation;
  sliceIndex: number;
  sliceCount: number;
  /** Plane position in mm along the view normal. */
  position: number;
  /** Slab thickness, or the slice step when no slab. */
  thickness: number;
  slab: SlabMode;
  window: WindowLevel;
  zoomPercent: number;
  invert: boolean;
  markers: EdgeMarkers;
  crosshair: { x: number; y: number } | null;
  /** Where the other MPR planes cut this view (through the crosshair); oblique when turned. */
  planeLines: PlaneLine[];
  /** The MPR planes are turned away from the patient axes. */
  oblique: boolean;
  measurements: ScreenLine[];
  rois: ScreenRoi[];
  angles: ScreenAngle[];
  probe: { x: number; y: number; value: number | null; point: Vec3 } | null;
  width: number;
  height: number;
  frames: number;
}

export interface VolumeSnapshot {
  kind: 'volume';
  preset: VolumePreset['id'];
  downsampled: boolean;
  frames: number;
}

export type ViewportSnapshot = SliceSnapshot | VolumeSnapshot;

export function sliceSnapshot(
  view: SliceViewport,
  crosshair: Vec3 | null,
  measurements: readonly LengthMeasurement[],
  pointer: { x: number; y: number } | null,
  rois: readonly RoiMeasurement[] = [],
  angles: readonly AngleMeasurement[] = [],
  otherPlanes: readonly { orientation: string; normal: Vec3 }[] = [],
): SliceSnapshot {
  const s = view.view;
  const mapping = view.mapping();
  const base = view.baseFrame;
  const step = view.step;
  const { index, count } = view.sliceIndex();
  const shown = measurements.filter((m) => isOnSlice(m, base.normal, s.position, step));
  const probePoint = pointer ? screenToWorld(mapping, pointer.x, pointer.y) : null;
  return {
    kind: 'slice',
    orientation: s.orientation,
    sliceIndex: index,
    sliceCount: count,
    position: s.position,
    thickness: s.slab.mode === 'none' ? step : s.slab.thickness,
    slab: s.slab.mode,
    window: s.window,
    zoomPercent: view.zoomPercent(),
    invert: s.invert,
    markers: edgeMarkers(view.right(), mapping.frame.up),
    crosshair: crosshair ? worldToScreen(mapping, crosshair) : null,
    planeLines: otherPlanes.flatMap((p) => {
      const line = planeLineOnScreen(mapping.frame, view.right(), p.normal);
      return line ? [{ orientation: p.orientation, ...line }] : [];
    }),
    oblique: view.oblique,
    measurements: shown.map((m) => {
      const a = worldToScreen(mapping, m.start);
      const b = worldToScreen(mapping, m.end);
      const mm = lengthMm(m);
      return { id: m.id, x1: a.x, y1: a.y, x2: b.x, y2: b.y, mm, label: formatLength(mm) };
    }),
    rois: rois
      .filter((m) => isOnSlice(m, base.normal, s.position, step))
      .map((m) => {
        const u = sub(m.roi.axisUEnd, m.roi.center);
        const v = sub(m.roi.axisVEnd, m.roi.center);
        const outline: Vec3[] =
          m.kind === 'ellipse'
            ? Array.from({ length: 48 }, (_, n) => add(scale(u, Math.cos((n * Math.PI) / 24)), scale(v, Math.sin((n * Math.PI) / 24))))
            : [add(u, v), sub(u, v), sub([0, 0, 0], add(u, v)), sub(v, u)];
        const corners = outline.map((c) => worldToScreen(mapping, add(m.roi.center, c)));
        const st = m.stats;
        const label = st ? `${formatArea(st.areaMm2)} · ${st.mean.toFixed(1)} ± ${st.sd.toFixed(1)}` : '';
        return { id: m.id, points: corners, label, mean: st ? st.mean : null };
      }),
    angles: angles
      .filter((m) => isOnSlice(m, base.normal, s.position, step))
      .map((m) => {
        const degrees = m.points.length === 3 ? angleDegrees(m.points[0]!, m.points[1]!, m.points[2]!) : null;
        return { id: m.id, points: m.points.map((p) => worldToScreen(mapping, p)), degrees, label: degrees === null ? '' : formatAngle(degrees) };
      }),
    probe: pointer && probePoint ? { ...pointer, value: view.valueAt(probePoint), point: probePoint } : null,
    width: mapping.width,
    height: mapping.height,
    frames: view.surface.frames,
  };
}
