// The AI overlays of the open series, owned by the viewer engine: the output layers (label,
// parametric and heat maps), the findings and the selected one, and the canvas of every mounted
// 2-D view (and the label surfaces of the 3-D view). React's AI panel changes this state and reads
// it through `subscribe`/`version`; it never touches a canvas or a vtk.js object.
import type { Finding } from '../../../../electron/shared/ai-results';
import type { SliceViewport } from '../engine/slice-viewport';
import type { VolumeViewport } from '../engine/volume-viewport';
import { FindingEditor } from './finding-editor';
import { type AiDrawState, type DrawnFinding, OverlayCanvas } from './overlay-canvas';
import type { OverlayLayer } from './overlay-layer';
import { LabelSurfaces } from './label-surfaces';

/** An AI finding on the views; `reviewKey` (findingKey of its review reference) ties it to its review state. */
export type OverlayFinding = Finding & { reviewKey?: string };

export class AiOverlaySet {
  private layerList: OverlayLayer[] = [];
  private findingList: OverlayFinding[] = [];
  private selected: string | null = null;
  private on = true;
  private readonly canvases = new Map<string, { canvas: OverlayCanvas; view: SliceViewport }>();
  private readonly surfaces = new Map<string, LabelSurfaces>();
  private readonly listeners = new Set<() => void>();
  /** Changes whenever anything the panel shows changes. */
  version = 0;
  /** Review geometry, box editing and drawing of missed findings (finding-editor.ts). */
  readonly editor = new FindingEditor(() => this.redraw());

  get layers(): readonly OverlayLayer[] {
    return this.layerList;
  }
  get findings(): readonly OverlayFinding[] {
    return this.findingList;
  }
  get selectedFindingId(): string | null {
    return this.selected;
  }
  get enabled(): boolean {
    return this.on;
  }

  private drawState = (): AiDrawState => ({ layers: this.layerList, findings: this.drawnFindings(), sketch: this.editor.sketch, enabled: this.on });

  /** AI findings where the review put them (edited boxes), then the reader's own findings. */
  private drawnFindings(): DrawnFinding[] {
    const e = this.editor;
    const ai = this.findingList.map((f): DrawnFinding => {
      const place = e.placeOf(f.reviewKey) ?? f;
      return {
        id: f.id,
        label: f.id,
        place: { ...(place.centerLPS ? { centerLPS: place.centerLPS } : {}), ...(place.boundsLPS ? { boundsLPS: place.boundsLPS } : {}) },
        lowConfidence: !!f.lowConfidence,
        reader: false,
        ellipse: false,
        selected: f.id === this.selected,
        handles: e.hasHandles(f.reviewKey),
      };
    });
    const reader = e.readerFindings.map(
      (f): DrawnFinding => ({
        id: f.key,
        label: e.readerLabel,
        place: e.placeOf(f.key) ?? {},
        lowConfidence: false,
        reader: true,
        ellipse: f.values.shape === 'ellipse',
        selected: f.key === e.selectedKey,
        handles: e.hasHandles(f.key),
      }),
    );
    return [...ai, ...reader];
  }

  attachSlice(id: string, container: HTMLElement, view: SliceViewport): void {
    this.detach(id);
    this.canvases.set(id, { canvas: new OverlayCanvas(container, view, this.drawState), view });
  }

  attachVolume(id: string, view: VolumeViewport): void {
    this.detach(id);
    const surfaces = new LabelSurfaces(view);
    this.surfaces.set(id, surfaces);
    surfaces.update(this.on ? this.layerList : []);
  }

  detach(id: string): void {
    this.canvases.get(id)?.canvas.dispose();
    this.canvases.delete(id);
    this.surfaces.get(id)?.dispose();
    this.surfaces.delete(id);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A new series or study: its analyses replace the previous ones. */
  setContent(layers: OverlayLayer[], findings: OverlayFinding[]): void {
    this.layerList = layers;
    this.findingList = findings;
    this.selected = null;
    this.changed(true);
  }

  clear(): void {
    this.setContent([], []);
  }

  setLayerVisible(id: string, visible: boolean): void {
    this.layerList = this.layerList.map((l) => (l.id === id ? { ...l, visible } : l));
    this.changed(true);
  }

  setLayerOpacity(id: string, opacity: number): void {
    this.layerList = this.layerList.map((l) => (l.id === id ? { ...l, opacity: Math.min(1, Math.max(0, opacity)) } : l));
    this.changed(true);
  }

  toggleEnabled(): void {
    this.on = !this.on;
    this.changed(true);
  }

  select(findingId: string | null): void {
    this.selected = findingId;
    this.editor.selectedKey = this.findingList.find((f) => f.id === findingId)?.reviewKey ?? null;
    this.changed(false);
  }

  /** The review form chose a finding (by its review key): highlight its AI box, if any, and make it the one to edit. */
  selectByKey(key: string | null): void {
    this.selected = this.findingList.find((f) => f.reviewKey !== undefined && f.reviewKey === key)?.id ?? null;
    this.editor.selectedKey = key;
    this.changed(false);
  }

  /** Redraws the views only (a drag in progress, a new review state): the panel's list is unchanged. */
  private redraw(): void {
    for (const { view } of this.canvases.values()) view.requestRender();
  }

  private changed(layersChanged: boolean): void {
    this.version += 1;
    for (const { view } of this.canvases.values()) view.requestRender();
    if (layersChanged) for (const s of this.surfaces.values()) s.update(this.on ? this.layerList : []);
    for (const listener of this.listeners) listener();
  }

  dispose(): void {
    for (const id of [...this.canvases.keys(), ...this.surfaces.keys()]) this.detach(id);
    this.listeners.clear();
  }
}
