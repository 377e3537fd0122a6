// The measurements of the viewer (lengths, rectangle and ellipse ROIs, angles), as plain state
// in patient space, apart from the engine that owns the views: each is drawn on the plane it was
// made on (normal and position), whatever the view's zoom, rotation or flips. The engine gives it
// the views by id and redraws them on every change; the measurements panel saves ROIs and angles
// through `onRoiFinished` / `onAngleFinished`.
import type { AngleMeasurement, LengthMeasurement, RoiMeasurement } from './measurements';
import { rectangleFromCorners, roiStatistics } from './roi-statistics';
import type { SliceViewport } from './slice-viewport';
import { type Vec3, sub } from './vec3';

export class MeasurementState {
  private lengthList: LengthMeasurement[] = [];
  private roiList: RoiMeasurement[] = [];
  private angleList: AngleMeasurement[] = [];
  private nextId = 1;
  /** The angle being placed: its id and how many points are fixed. */
  private pendingAngle: { id: number; fixed: number } | null = null;
  /** Called when the reader finishes drawing an ROI (the page saves it to the store). */
  onRoiFinished: ((m: RoiMeasurement) => void) | null = null;
  onAngleFinished: ((m: AngleMeasurement) => void) | null = null;

  constructor(
    private readonly changed: () => void,
    private readonly viewOf: (id: string) => SliceViewport | null,
  ) {}

  get lengths(): readonly LengthMeasurement[] {
    return this.lengthList;
  }
  get rois(): readonly RoiMeasurement[] {
    return this.roiList;
  }
  get angles(): readonly AngleMeasurement[] {
    return this.angleList;
  }

  /** A new study: nothing measured on the previous one carries over. */
  clearAll(): void {
    this.lengthList = [];
    this.roiList = [];
    this.angleList = [];
    this.pendingAngle = null;
  }

  addLength(id: string, start: Vec3, end: Vec3): LengthMeasurement | null {
    const view = this.viewOf(id);
    if (!view) return null;
    const m: LengthMeasurement = { id: this.nextId++, kind: 'length', start, end, normal: view.baseFrame.normal, position: view.view.position };
    this.lengthList = [...this.lengthList, m];
    this.changed();
    return m;
  }
  updateLength(mid: number, end: Vec3): void {
    this.lengthList = this.lengthList.map((m) => (m.id === mid ? { ...m, end } : m));
    this.changed();
  }
  clearMeasurements(): void {
    this.lengthList = [];
    this.changed();
  }

  /** Starts an ROI at a corner of its bounding box on view `id`; the drag's other corner follows `updateRectangle`. */
  addRectangle(id: string, corner: Vec3, kind: RoiMeasurement['kind'] = 'rectangle'): RoiMeasurement | null {
    const view = this.viewOf(id);
    if (!view) return null;
    const m: RoiMeasurement = {
      id: this.nextId++,
      kind,
      roi: { kind, center: corner, axisUEnd: corner, axisVEnd: corner },
      stats: null,
      normal: view.baseFrame.normal,
      position: view.view.position,
      storedId: null,
    };
    this.roiList = [...this.roiList, m];
    this.changed();
    return m;
  }
  updateRectangle(id: string, mid: number, start: Vec3, corner: Vec3): void {
    const view = this.viewOf(id);
    if (!view) return;
    const kind = this.roiList.find((m) => m.id === mid)?.kind ?? 'rectangle';
    // An ellipse is inscribed in the dragged box: same centre and semi-axes.
    const roi = { ...rectangleFromCorners(start, corner, view.right(), view.mapping().frame.up), kind };
    const stats = roiStatistics({ ...view.volume.description, voxels: view.volume.voxels }, roi);
    this.roiList = this.roiList.map((m) => (m.id === mid ? { ...m, roi, stats } : m));
    this.changed();
  }
  finishRectangle(mid: number): void {
    const m = this.roiList.find((r) => r.id === mid);
    if (!m) return;
    // A click without a drag leaves no ROI.
    if (!m.stats || Math.hypot(...sub(m.roi.axisUEnd, m.roi.center)) === 0) {
      this.roiList = this.roiList.filter((r) => r.id !== mid);
      this.changed();
      return;
    }
    this.onRoiFinished?.(m);
  }
  /** Stored ROIs of the series shown (from `measurements:list`), replacing those of another series. */
  setStoredRois(rois: Omit<RoiMeasurement, 'id'>[]): void {
    this.roiList = rois.map((r) => ({ ...r, id: this.nextId++ }));
    this.changed();
  }
  markRoiStored(mid: number, storedId: number): void {
    this.roiList = this.roiList.map((m) => (m.id === mid ? { ...m, storedId } : m));
  }

  /** A click of the angle tool: the first fixes one arm's end, the second the vertex, the third the other end. */
  angleClick(id: string, p: Vec3): void {
    const view = this.viewOf(id);
    if (!view) return;
    const pending = this.pendingAngle;
    if (!pending) {
      const m: AngleMeasurement = { id: this.nextId++, kind: 'angle', points: [p, p], normal: view.baseFrame.normal, position: view.view.position, storedId: null };
      this.angleList = [...this.angleList, m];
      this.pendingAngle = { id: m.id, fixed: 1 };
    } else if (pending.fixed === 1) {
      this.angleList = this.angleList.map((m) => (m.id === pending.id ? { ...m, points: [m.points[0]!, p, p] } : m));
      this.pendingAngle = { id: pending.id, fixed: 2 };
    } else {
      this.angleList = this.angleList.map((m) => (m.id === pending.id ? { ...m, points: [m.points[0]!, m.points[1]!, p] } : m));
      this.pendingAngle = null;
      const done = this.angleList.find((m) => m.id === pending.id);
      if (done) this.onAngleFinished?.(done);
    }
    this.changed();
  }
  /** The pointer moved with the angle tool: the point not yet fixed follows it. */
  angleMove(p: Vec3): void {
    const pending = this.pendingAngle;
    if (!pending) return;
    this.angleList = this.angleList.map((m) => (m.id === pending.id ? { ...m, points: [...m.points.slice(0, pending.fixed), p] } : m));
    this.changed();
  }
  setStoredAngles(angles: Omit<AngleMeasurement, 'id'>[]): void {
    this.angleList = angles.map((a) => ({ ...a, id: this.nextId++ }));
    this.pendingAngle = null;
    this.changed();
  }
  markAngleStored(mid: number, storedId: number): void {
    this.angleList = this.angleList.map((m) => (m.id === mid ? { ...m, storedId } : m));
  }
  removeStoredRoi(storedId: number): void {
    this.roiList = this.roiList.filter((m) => m.storedId !== storedId);
    this.angleList = this.angleList.filter((m) => m.storedId !== storedId);
    this.changed();
  }
}
