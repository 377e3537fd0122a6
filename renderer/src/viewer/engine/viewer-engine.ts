// The viewer engine: plain TypeScript that owns every vtk.js object of the reading viewer, one
// viewport (render window + disposal scope) per cell of the layout. React components mount and
// unmount viewports and read snapshots; they never hold vtk objects. Shared state that spans
// viewports lives here: the active viewport and tool, the linked MPR crosshair and window,
// measurements (measurement-state.ts), cine.
import { MeasurementState } from './measurement-state';
import type { RoiMeasurement } from './measurements';
import { type SliceOrientation, projectToPlane, screenToWorld } from './slice-geometry';
import { type SlabMode, SLAB_MODES, type SliceViewState, SliceViewport } from './slice-viewport';
import { type Vec3, dot } from './vec3';
import type { LoadedVolume } from './volume-loader';
import type { VolumePreset } from './volume-presets';
import { VolumeViewport } from './volume-viewport';
import { type ViewportSnapshot, sliceSnapshot } from './viewport-snapshot';
import { type WindowLevel, type WindowPreset } from './window-presets';
import { attachSliceInteraction } from './slice-interaction';
import { AiOverlaySet } from '../ai-overlays/ai-overlay-set';
import { IDENTITY_ROTATION, type Mat3, turnPlanes } from './oblique-planes';
import { canLink, linkedPosition } from './series-link';

/** 'finding' draws a finding the AI missed (review, ai-overlays/finding-editor.ts). */
export type Tool = 'crosshair' | 'windowLevel' | 'pan' | 'zoom' | 'length' | 'rectangle' | 'ellipse' | 'angle' | 'finding';

interface SliceEntry {
  kind: 'slice';
  view: SliceViewport;
  linked: boolean;
  pointer: { x: number; y: number } | null;
  detach: () => void;
}
interface VolumeEntry {
  kind: 'volume';
  view: VolumeViewport;
}
type Entry = SliceEntry | VolumeEntry;

const CINE_FPS = 10;
const DEFAULT_SLAB_MM = 10;

export class ViewerEngine {
  private readonly entries = new Map<string, Entry>();
  private readonly snapshots = new Map<string, ViewportSnapshot>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly engineListeners = new Set<() => void>();
  /** Lengths, ROIs and angles, redrawn on every view when they change. */
  readonly marks = new MeasurementState(
    () => this.refreshAll(),
    (id) => this.slice(id),
  );
  private cineTimer: ReturnType<typeof setInterval> | null = null;
  crosshair: Vec3 | null = null;
  /** AI label/parametric/heat maps and findings drawn over every view (ai-overlays/). */
  readonly ai = new AiOverlaySet();
  /** Oblique MPR: the turn shared by every linked view, so the planes stay orthogonal to each other. */
  planeRotation: Mat3 = IDENTITY_ROTATION;
  /** Linked scrolling and zoom between views of series that share a Frame of Reference (series-link.ts). */
  seriesLinked = false;
  activeId: string | null = null;
  tool: Tool = 'crosshair';

  /**
   * The last state of each unmounted 2-D view with its series: a view remounted with another
   * volume of the same series (the 4-D picker) keeps its slice, zoom and pan.
   */
  private readonly retained = new Map<string, { seriesInstanceUID: string; state: SliceViewState }>();

  /** The window last chosen by the reader: views mounted later (a layout change) keep it. */
  private lastWindow: WindowLevel | null = null;

  /** Presets for the number keys, set by the page from the modality and header. */
  presets: WindowPreset[] = [];

  mountSlice(id: string, container: HTMLElement, volume: LoadedVolume, orientation: SliceOrientation, window: WindowLevel, linked: boolean): void {
    this.unmount(id);
    const view = new SliceViewport(container, volume, orientation, this.lastWindow ?? window);
    const kept = this.retained.get(id);
    if (kept && kept.seriesInstanceUID === volume.seriesInstanceUID && kept.state.orientation === orientation) view.adopt(kept.state);
    const entry: SliceEntry = { kind: 'slice', view, linked, pointer: null, detach: () => {} };
    this.entries.set(id, entry);
    this.ai.attachSlice(id, container, view);
    entry.detach = attachSliceInteraction(this, id, container);
    view.subscribe(() => this.refresh(id));
    if (linked) {
      view.update({ rotation: this.planeRotation });
      this.crosshair ??= view.mapping().center;
      view.setPosition(dot(this.crosshair, view.baseFrame.normal));
    }
    this.activeId ??= id;
    this.emitEngine();
  }

  mountVolume(id: string, container: HTMLElement, volume: LoadedVolume, preset: VolumePreset['id']): void {
    this.unmount(id);
    const view = new VolumeViewport(container, volume, preset);
    this.entries.set(id, { kind: 'volume', view });
    this.ai.attachVolume(id, view);
    view.subscribe(() => this.refresh(id));
    this.emitEngine();
  }

  unmount(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    if (entry.kind === 'slice') {
      entry.detach();
      this.retained.set(id, { seriesInstanceUID: entry.view.volume.seriesInstanceUID, state: entry.view.view });
    }
    this.ai.detach(id);
    entry.view.dispose();
    this.entries.delete(id);
    this.snapshots.delete(id);
    if (this.activeId === id) this.activeId = this.entries.keys().next().value ?? null;
    if (this.entries.size === 0) this.stopCine();
  }

  /** A new study: nothing chosen for the previous one (window, crosshair, measurements) carries over. */
  startStudy(): void {
    this.lastWindow = null;
    this.retained.clear();
    this.crosshair = null;
    this.planeRotation = IDENTITY_ROTATION;
    this.marks.clearAll();
    this.ai.clear();
    // The previous study's review geometry must not be drawn on this one while its review loads.
    this.ai.editor.setReview([], false, this.ai.editor.readerLabel);
    this.ai.editor.selectedKey = null;
  }

  dispose(): void {
    this.ai.dispose();
    this.lastWindow = null;
    this.stopCine();
    for (const id of [...this.entries.keys()]) this.unmount(id);
    this.listeners.clear();
    this.engineListeners.clear();
  }

  // ---- subscriptions (React overlays) ----
  subscribe(id: string, listener: () => void): () => void {
    const set = this.listeners.get(id) ?? new Set();
    set.add(listener);
    this.listeners.set(id, set);
    return () => set.delete(listener);
  }
  snapshot(id: string): ViewportSnapshot | null {
    return this.snapshots.get(id) ?? null;
  }
  subscribeEngine(listener: () => void): () => void {
    this.engineListeners.add(listener);
    return () => this.engineListeners.delete(listener);
  }
  /** Changes whenever engine-wide state (active viewport, tool, cine) changes. */
  version = 0;
  private emitEngine(): void {
    this.version += 1;
    for (const l of this.engineListeners) l();
  }

  private refresh(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    const snap: ViewportSnapshot =
      entry.kind === 'slice'
        ? sliceSnapshot(entry.view, entry.linked ? this.crosshair : null, this.marks.lengths, entry.pointer, this.marks.rois, this.marks.angles, entry.linked ? this.otherPlanes(entry) : [])
        : { kind: 'volume', preset: entry.view.preset, downsampled: entry.view.downsampled, frames: entry.view.surface.frames };
    this.snapshots.set(id, snap);
    for (const l of this.listeners.get(id) ?? []) l();
  }

  /** The other linked MPR views' planes, drawn as crosshair lines in `entry`. */
  private otherPlanes(entry: SliceEntry): { orientation: string; normal: Vec3 }[] {
    return this.linkedSlices(entry)
      .filter((e) => e !== entry && e.view.view.orientation !== entry.view.view.orientation)
      .map((e) => ({ orientation: e.view.view.orientation, normal: e.view.baseFrame.normal }));
  }

  private refreshAll(): void {
    for (const id of this.entries.keys()) this.refresh(id);
  }

  // ---- access for interaction ----
  slice(id: string): SliceViewport | null {
    const entry = this.entries.get(id);
    return entry?.kind === 'slice' ? entry.view : null;
  }
  private activeSlice(): SliceEntry | null {
    const entry = this.activeId ? this.entries.get(this.activeId) : undefined;
    if (entry?.kind === 'slice') return entry;
    for (const e of this.entries.values()) if (e.kind === 'slice') return e;
    return null;
  }
  private linkedSlices(of: SliceEntry): SliceEntry[] {
    if (!of.linked) return [of];
    return [...this.entries.values()].filter((e): e is SliceEntry => e.kind === 'slice' && e.linked);
  }

  activate(id: string): void {
    if (this.activeId === id) return;
    this.activeId = id;
    this.emitEngine();
  }

  setTool(tool: Tool): void {
    this.tool = tool;
    this.emitEngine();
  }

  setPointer(id: string, pointer: { x: number; y: number } | null): void {
    const entry = this.entries.get(id);
    if (entry?.kind !== 'slice') return;
    entry.pointer = pointer;
    this.refresh(id);
  }

  /** Sets the linked point: every linked view moves its plane through it (MPR crosshair). */
  setCrosshair(point: Vec3): void {
    this.crosshair = point;
    for (const e of this.entries.values()) {
      if (e.kind === 'slice' && e.linked) e.view.setPosition(dot(point, e.view.baseFrame.normal));
    }
    this.refreshAll();
  }

  crosshairAt(id: string, x: number, y: number): void {
    const view = this.slice(id);
    if (view) this.setCrosshair(screenToWorld(view.mapping(), x, y));
  }

  /**
   * Oblique MPR: turns the linked planes by `screenAngle` radians counter-clockwise as seen in
   * view `id` (the active one by default), about the crosshair. Every linked view gets the same
   * rotation and moves its plane back through the crosshair.
   */
  turnPlanes(screenAngle: number, id?: string): void {
    const entry = id ? this.entries.get(id) : this.activeSlice();
    if (entry?.kind !== 'slice' || !entry.linked || entry.view.view.orientation === 'stack') return;
    this.setPlaneRotation(turnPlanes(this.planeRotation, entry.view.frame.normal, screenAngle));
  }

  setPlaneRotation(rotation: Mat3): void {
    this.planeRotation = rotation;
    const pivot = this.crosshair;
    for (const e of this.entries.values()) {
      if (e.kind !== 'slice' || !e.linked) continue;
      e.view.update({ rotation });
      if (pivot) e.view.setPosition(dot(pivot, e.view.baseFrame.normal));
    }
    this.refreshAll();
  }

  // ---- actions on the active viewport (keyboard, toolbar) ----
  scroll(slices: number, id?: string): void {
    const entry = id ? this.entries.get(id) : this.activeSlice();
    if (entry?.kind !== 'slice') return;
    entry.view.scroll(slices);
    this.followPlane(entry);
  }

  scrollTo(which: 'first' | 'last'): void {
    const entry = this.activeSlice();
    if (!entry) return;
    entry.view.scrollTo(which);
    this.followPlane(entry);
  }

  /** Scrolling a linked view moves the crosshair along its normal, so the other views' lines follow. */
  private followPlane(entry: SliceEntry): void {
    if (entry.linked && this.crosshair) {
      this.crosshair = projectToPlane(this.crosshair, entry.view.baseFrame.normal, entry.view.view.position);
      this.refreshAll();
    }
    this.followSeries(entry);
  }

  toggleSeriesLink(): void {
    this.seriesLinked = !this.seriesLinked;
    const entry = this.activeSlice();
    if (entry) this.followSeries(entry);
    this.emitEngine();
  }

  /** The other views that show a series of `entry`'s Frame of Reference in a parallel plane. */
  private seriesPartners(entry: SliceEntry): SliceEntry[] {
    // MPR views already follow one another through the crosshair.
    if (!this.seriesLinked || entry.linked) return [];
    const from = { frameOfReferenceUID: entry.view.volume.description.frameOfReferenceUID, normal: entry.view.baseFrame.normal };
    return [...this.entries.values()].filter(
      (e): e is SliceEntry => e !== entry && e.kind === 'slice' && !e.linked && canLink(from, { frameOfReferenceUID: e.view.volume.description.frameOfReferenceUID, normal: e.view.baseFrame.normal }),
    );
  }

  /** Linked scrolling: every partner moves to the plane through the same patient position. */
  private followSeries(entry: SliceEntry): void {
    const source = { frameOfReferenceUID: entry.view.volume.description.frameOfReferenceUID, normal: entry.view.baseFrame.normal, point: entry.view.mapping().center };
    for (const e of this.seriesPartners(entry)) {
      const position = linkedPosition(source, { frameOfReferenceUID: e.view.volume.description.frameOfReferenceUID, normal: e.view.baseFrame.normal });
      if (position !== null) e.view.setPosition(position);
    }
  }

  /** Zoom of view `id` (mm per screen pixel); linked zoom gives its partners the same scale. */
  zoom(id: string, mmPerPixel: number): void {
    const entry = this.entries.get(id);
    if (entry?.kind !== 'slice') return;
    entry.view.update({ mmPerPixel });
    for (const e of this.seriesPartners(entry)) e.view.update({ mmPerPixel });
  }

  setWindow(window: WindowLevel, id?: string): void {
    const entry = id ? this.entries.get(id) : this.activeSlice();
    if (entry?.kind !== 'slice') return;
    this.lastWindow = window;
    for (const e of this.linkedSlices(entry)) e.view.update({ window });
  }

  applyPreset(index: number): void {
    const preset = this.presets[index];
    if (preset) this.setWindow({ center: preset.center, width: preset.width });
  }

  private eachActive(action: (view: SliceViewport) => void): void {
    const entry = this.activeSlice();
    if (entry) action(entry.view);
  }

  fit(): void {
    this.eachActive((v) => v.fit());
  }
  oneToOne(): void {
    this.eachActive((v) => v.oneToOne());
  }
  invert(): void {
    const entry = this.activeSlice();
    if (!entry) return;
    const invert = !entry.view.view.invert;
    for (const e of this.linkedSlices(entry)) e.view.update({ invert });
  }
  rotate(quarterTurns: number): void {
    this.eachActive((v) => {
      v.update({ transform: { ...v.view.transform, rotation: v.view.transform.rotation + quarterTurns } });
      v.fit();
    });
  }
  flip(axis: 'horizontal' | 'vertical'): void {
    this.eachActive((v) => {
      const t = v.view.transform;
      v.update({ transform: axis === 'horizontal' ? { ...t, flipHorizontal: !t.flipHorizontal } : { ...t, flipVertical: !t.flipVertical } });
    });
  }

  /** Cycles none → MIP → MinIP → mean on every linked view of the active one. */
  cycleSlab(): void {
    const entry = this.activeSlice();
    if (!entry) return;
    const current = entry.view.view.slab;
    const mode = SLAB_MODES[(SLAB_MODES.indexOf(current.mode) + 1) % SLAB_MODES.length] as SlabMode;
    const thickness = mode === 'none' ? 0 : current.thickness || DEFAULT_SLAB_MM;
    for (const e of this.linkedSlices(entry)) e.view.update({ slab: { mode, thickness } });
  }

  changeSlabThickness(deltaMm: number): void {
    const entry = this.activeSlice();
    if (!entry || entry.view.view.slab.mode === 'none') return;
    const thickness = Math.max(1, entry.view.view.slab.thickness + deltaMm);
    for (const e of this.linkedSlices(entry)) e.view.update({ slab: { ...e.view.view.slab, thickness } });
  }

  reset(window: WindowLevel): void {
    this.lastWindow = null;
    this.planeRotation = IDENTITY_ROTATION;
    for (const e of this.entries.values()) {
      if (e.kind === 'slice') e.view.reset(window);
      else e.view.resetCamera();
    }
    const first = this.activeSlice();
    if (first?.linked) this.setCrosshair(first.view.mapping().center);
  }

  setVolumePreset(id: VolumePreset['id']): void {
    for (const e of this.entries.values()) if (e.kind === 'volume') e.view.setPreset(id);
  }

  /** Keyboard edit of the box selected for review editing, in the active 2-D view's plane. */
  nudgeFinding(kind: 'move' | 'resize', rightMm: number, upMm: number): void {
    const entry = this.activeSlice();
    if (entry) this.ai.editor.nudge(entry.view.frame, kind, rightMm, upMm);
  }

  // ---- measurements (measurement-state.ts) ----
  /** Moves every 2-D view to the plane through `point` and sets the crosshair there (an AI finding's centre). */
  jumpTo(point: Vec3): void {
    this.crosshair = point;
    for (const entry of this.entries.values()) {
      if (entry.kind !== 'slice') continue;
      entry.view.setPosition(dot(point, entry.view.baseFrame.normal));
      // Onto the nearest acquired slice, as scrolling would: no interpolated plane between two 8 mm slices.
      entry.view.scroll(0);
    }
    this.refreshAll();
  }

  /** Moves the linked views (or the active one) to the plane and centre of an ROI. */
  jumpToRoi(roi: RoiMeasurement['roi']): void {
    this.crosshair = roi.center;
    for (const [, entry] of this.entries) {
      if (entry.kind !== 'slice') continue;
      entry.view.setPosition(dot(roi.center, entry.view.baseFrame.normal));
    }
    this.refreshAll();
  }

  // ---- cine ----
  get cineRunning(): boolean {
    return this.cineTimer !== null;
  }
  toggleCine(): void {
    if (this.cineTimer) {
      this.stopCine();
      return;
    }
    this.cineTimer = setInterval(() => {
      const entry = this.activeSlice();
      if (!entry) return;
      const { index, count } = entry.view.sliceIndex();
      if (index >= count) entry.view.scrollTo('first');
      else entry.view.scroll(1);
      this.followPlane(entry);
    }, 1000 / CINE_FPS);
    this.emitEngine();
  }
  stopCine(): void {
    if (this.cineTimer) clearInterval(this.cineTimer);
    this.cineTimer = null;
    this.emitEngine();
  }
}
