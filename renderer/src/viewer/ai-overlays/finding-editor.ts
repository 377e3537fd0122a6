// Editing findings on the 2-D views (issue #6): the review state of each finding as the review
// form last folded it (so boxes are drawn where the reader put them, not where the AI did), the
// finding selected for editing, a drag of its box in progress, and a missed finding being drawn.
// Plain state owned by the AI overlay set; the review form sets it and receives the results
// through `onEdit` / `onDrawn`, and the slice interaction feeds it the pointer.
//
// When the box takes the pointer: only while the review is editable, a finding with a box is
// selected, and the press lands on that box's handles or inside its outline on a view showing it.
// Any other press goes to the current tool (window/level, measurements, crosshair…).
import type { FindingRef, FindingValues } from '../../../../electron/shared/reports';
import { rectangleFromCorners, roiStatistics } from '../engine/roi-statistics';
import { rightOf, screenToWorld, type ScreenMapping, type ViewFrame } from '../engine/slice-geometry';
import type { SliceViewport } from '../engine/slice-viewport';
import { type Vec3, add, scale } from '../engine/vec3';
import { type Box, type BoxHandle, type DrawnShape, dragBox, drawnFinding, editedGeometry, hitBox, normalizeBox, resizeBoxOnScreen } from './finding-box-edit';
import { findingOnScreen, isFindingOnPlane, type ScreenPoint } from './finding-geometry';

/** A finding under review as the form folded it: `key` is findingKey(ref). */
export interface ReviewedFinding {
  key: string;
  ref: FindingRef;
  source: 'ai' | 'reader';
  values: FindingValues;
}

/** A press shorter than this (px) in both directions draws nothing. */
const MIN_SKETCH_PX = 3;

interface BoxDrag {
  key: string;
  handle: BoxHandle;
  start: ScreenPoint;
  mapping: ScreenMapping;
  from: Box;
  box: Box;
}

export interface Sketch {
  view: SliceViewport;
  mapping: ScreenMapping;
  a: ScreenPoint;
  b: ScreenPoint;
  shape: DrawnShape;
}

export class FindingEditor {
  private reviewed = new Map<string, ReviewedFinding>();
  private drag: BoxDrag | null = null;
  private sketchState: Sketch | null = null;
  /** Review not signed final: boxes may be moved and findings drawn. */
  editable = false;
  /** "reader" / "阅片医师", the label of reader-added findings on the views. */
  readerLabel = 'reader';
  selectedKey: string | null = null;
  /** The form stores one edit event with these values (new box, centre, axes). */
  onEdit: ((ref: FindingRef, values: FindingValues) => void) | null = null;
  /** The form opens its add form prefilled with these values and the mean modality value inside (HU for CT). */
  onDrawn: ((values: FindingValues, mean: number | null) => void) | null = null;

  constructor(private readonly changed: () => void) {}

  setReview(findings: readonly ReviewedFinding[], editable: boolean, readerLabel: string): void {
    this.reviewed = new Map(findings.map((f) => [f.key, f]));
    this.editable = editable;
    this.readerLabel = readerLabel;
    if (!editable) this.drag = null;
    this.changed();
  }

  get readerFindings(): ReviewedFinding[] {
    return [...this.reviewed.values()].filter((f) => f.source === 'reader');
  }

  /** The geometry in force for a finding: the box being dragged, else the folded values, else none (use the AI's). */
  placeOf(key: string | undefined): { centerLPS?: Vec3; boundsLPS?: Box } | null {
    if (!key) return null;
    if (this.drag?.key === key) return { boundsLPS: this.drag.box };
    const values = this.reviewed.get(key)?.values;
    return values ? { ...(values.centerLPS ? { centerLPS: values.centerLPS } : {}), ...(values.boundsLPS ? { boundsLPS: values.boundsLPS } : {}) } : null;
  }

  /** The selected finding when its box can be edited now. */
  private target(): (ReviewedFinding & { box: Box }) | null {
    if (!this.editable || !this.selectedKey) return null;
    const f = this.reviewed.get(this.selectedKey);
    const box = f?.values.boundsLPS;
    return f && box ? { ...f, box } : null;
  }

  /** Whether handles are drawn on finding `key`. */
  hasHandles(key: string | undefined): boolean {
    return !!key && this.target()?.key === key;
  }

  /** What a press at `p` on `view` would grab of the selected box (for the cursor, and to start a drag). */
  hit(view: SliceViewport, p: ScreenPoint): BoxHandle | null {
    const t = this.target();
    if (!t || !isFindingOnPlane({ boundsLPS: t.box }, view.baseFrame.normal, view.view.position, view.step)) return null;
    const outline = findingOnScreen({ boundsLPS: t.box }, view.mapping())?.outline;
    return outline ? hitBox(p, outline) : null;
  }

  grab(view: SliceViewport, p: ScreenPoint): boolean {
    const handle = this.hit(view, p);
    const t = this.target();
    if (!handle || !t) return false;
    this.drag = { key: t.key, handle, start: p, mapping: view.mapping(), from: t.box, box: t.box };
    return true;
  }

  dragTo(p: ScreenPoint): void {
    const d = this.drag;
    if (!d) return;
    d.box = dragBox(d.from, d.handle, d.mapping, p.x - d.start.x, p.y - d.start.y);
    this.changed();
  }

  /** Ends the drag: one edit with the new geometry, unless the box did not change (a click). */
  release(): void {
    const d = this.drag;
    this.drag = null;
    const f = d ? this.reviewed.get(d.key) : undefined;
    if (!d || !f || JSON.stringify(normalizeBox(d.from)) === JSON.stringify(normalizeBox(d.box))) {
      this.changed();
      return;
    }
    this.commit(f, editedGeometry({ ...(f.values.centerLPS ? { centerLPS: f.values.centerLPS } : {}), boundsLPS: d.from }, d.box, d.handle, d.mapping.frame));
  }

  /** Escape: the box goes back to where it was; nothing is stored. */
  cancel(): void {
    this.drag = null;
    this.sketchState = null;
    this.changed();
  }

  /** Keyboard edit in the plane of `frame`: move by (rightMm, upMm), or move the right/top edges by them (resize). */
  nudge(frame: ViewFrame, kind: 'move' | 'resize', rightMm: number, upMm: number): void {
    const t = this.target();
    if (!t) return;
    const after =
      kind === 'move'
        ? normalizeBox(t.box).map((c) => add(add(c, scale(rightOf(frame), rightMm)), scale(frame.up, upMm)))
        : resizeBoxOnScreen(t.box, frame, { left: 0, right: rightMm, top: upMm, bottom: 0 });
    const handle: BoxHandle = kind === 'move' ? { kind: 'move' } : { kind: 'resize', x: 1, y: -1 };
    this.commit(t, editedGeometry({ ...(t.values.centerLPS ? { centerLPS: t.values.centerLPS } : {}), boundsLPS: t.box }, after as unknown as Box, handle, frame));
  }

  /** Shows the new geometry at once (the form's fold replaces it when the event is stored) and hands it to the form. */
  private commit(f: ReviewedFinding, values: FindingValues): void {
    this.reviewed.set(f.key, { ...f, values: { ...f.values, ...values } });
    this.changed();
    this.onEdit?.(f.ref, values);
  }

  // ---- drawing a missed finding ----
  get sketch(): Sketch | null {
    return this.sketchState;
  }

  startSketch(view: SliceViewport, p: ScreenPoint, shape: DrawnShape): boolean {
    if (!this.editable) return false;
    this.sketchState = { view, mapping: view.mapping(), a: p, b: p, shape };
    this.changed();
    return true;
  }

  sketchTo(p: ScreenPoint): void {
    if (!this.sketchState) return;
    this.sketchState = { ...this.sketchState, b: p };
    this.changed();
  }

  finishSketch(): void {
    const s = this.sketchState;
    this.sketchState = null;
    this.changed();
    if (!s || Math.abs(s.b.x - s.a.x) < MIN_SKETCH_PX || Math.abs(s.b.y - s.a.y) < MIN_SKETCH_PX) return;
    const values: FindingValues = drawnFinding(s.mapping, s.a, s.b, s.shape);
    this.onDrawn?.(values, meanInside(s));
  }
}

/** Mean modality value inside the drawn shape, from the viewer's ROI statistics (the same as an ROI measurement). */
function meanInside(s: Sketch): number | null {
  const start = screenToWorld(s.mapping, s.a.x, s.a.y);
  const end = screenToWorld(s.mapping, s.b.x, s.b.y);
  const roi = { ...rectangleFromCorners(start, end, rightOf(s.mapping.frame), s.mapping.frame.up), kind: s.shape === 'ellipse' ? ('ellipse' as const) : ('rectangle' as const) };
  const stats = roiStatistics({ ...s.view.volume.description, voxels: s.view.volume.voxels }, roi);
  return stats && stats.count > 0 ? stats.mean : null;
}
