// The AI layer of one 2-D viewport: a canvas over the vtk.js canvas (pointer events pass through)
// redrawn after every frame of the view, so label maps, parametric/heat maps and detection boxes
// follow scrolling, zoom, pan, rotation and oblique planes exactly. Reader-added findings, the
// handles of the box being edited and a missed finding being drawn are drawn here too.
// data-ai-pixels, data-ai-findings, data-reader-findings, data-selected-box (left,top,right,
// bottom px of the box with handles) and data-mm-per-pixel say what was drawn, for end-to-end tests.
import type { SliceViewport } from '../engine/slice-viewport';
import { HANDLE_PX, handlePoints } from './finding-box-edit';
import type { Sketch } from './finding-editor';
import { type FindingPlace, findingOnScreen, isFindingOnPlane, outlineBounds } from './finding-geometry';
import { colorizeFor, type OverlayLayer } from './overlay-layer';
import { rasterizeOverlay, screenToIndexMapping } from './overlay-raster';

/** A finding as drawn: where (after the reader's edits), its label, and how. */
export interface DrawnFinding {
  id: string;
  label: string;
  place: FindingPlace;
  lowConfidence: boolean;
  /** Added by the reader: its own colour, shown even with the AI layer off. */
  reader: boolean;
  /** Drawn as the ellipse inscribed in its box (a reader's ellipse). */
  ellipse: boolean;
  selected: boolean;
  /** Selected for editing: handles on its corners and edges. */
  handles: boolean;
}

export interface AiDrawState {
  layers: readonly OverlayLayer[];
  findings: readonly DrawnFinding[];
  /** A missed finding being drawn (on one view). */
  sketch: Sketch | null;
  /** The whole AI layer on or off (toggle shortcut); per-layer visibility is in the layers. */
  enabled: boolean;
}

const BOX_COLOR = '#ffb020';
const SELECTED_COLOR = '#35e0ff';
const READER_COLOR = '#7CE35B';

export class OverlayCanvas {
  /** Present only while there is something to draw: a series without AI results gets no extra canvas. */
  private canvas: HTMLCanvasElement | null = null;
  private readonly scratch: HTMLCanvasElement;
  private disposed = false;

  constructor(
    private readonly container: HTMLElement,
    private readonly view: SliceViewport,
    private readonly state: () => AiDrawState,
  ) {
    this.scratch = document.createElement('canvas');
    view.surface.onAfterRender(() => this.draw());
  }

  draw(): void {
    if (this.disposed) return;
    const state = this.state();
    const sketch = state.sketch?.view === this.view ? state.sketch : null;
    const shown = state.enabled ? state.findings : state.findings.filter((f) => f.reader);
    if ((!state.enabled || state.layers.length === 0) && shown.length === 0 && !sketch) {
      this.canvas?.remove();
      this.canvas = null;
      return;
    }
    if (!this.canvas) {
      this.canvas = document.createElement('canvas');
      this.canvas.className = 'ai-overlay-canvas';
      this.canvas.setAttribute('data-testid', 'ai-overlay-canvas');
      this.container.appendChild(this.canvas);
    }
    const { width, height } = this.view.surface;
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, width, height);
    let pixels = 0;
    const mapping = this.view.mapping();
    for (const layer of state.enabled ? state.layers : []) {
      if (!layer.visible || layer.opacity <= 0) continue;
      pixels += this.drawLayer(ctx, layer, width, height, mapping);
    }
    const drawn = this.drawFindings(ctx, shown, mapping);
    if (sketch) drawSketch(ctx, sketch);
    this.canvas.dataset.aiPixels = String(pixels);
    this.canvas.dataset.aiFindings = String(drawn.ai);
    this.canvas.dataset.readerFindings = String(drawn.reader);
    this.canvas.dataset.mmPerPixel = String(mapping.mmPerPixel);
    if (drawn.selectedBox) this.canvas.dataset.selectedBox = drawn.selectedBox;
    else delete this.canvas.dataset.selectedBox;
  }

  private drawLayer(ctx: CanvasRenderingContext2D, layer: OverlayLayer, width: number, height: number, mapping: ReturnType<SliceViewport['mapping']>): number {
    const image = ctx.createImageData(width, height);
    const out = new Uint32Array(image.data.buffer);
    const painted = rasterizeOverlay(out, width, height, screenToIndexMapping(mapping, layer.grid), layer.grid, layer.voxels, colorizeFor(layer));
    if (painted === 0) return 0;
    // putImageData replaces pixels; drawing through a scratch canvas blends layers over each other.
    this.scratch.width = width;
    this.scratch.height = height;
    this.scratch.getContext('2d')?.putImageData(image, 0, 0);
    ctx.drawImage(this.scratch, 0, 0);
    return painted;
  }

  private drawFindings(ctx: CanvasRenderingContext2D, findings: readonly DrawnFinding[], mapping: ReturnType<SliceViewport['mapping']>): { ai: number; reader: number; selectedBox: string | null } {
    const normal = this.view.baseFrame.normal;
    const position = this.view.view.position;
    const step = this.view.step;
    const drawn = { ai: 0, reader: 0, selectedBox: null as string | null };
    for (const finding of findings) {
      if (!isFindingOnPlane(finding.place, normal, position, step)) continue;
      const place = findingOnScreen(finding.place, mapping);
      if (!place) continue;
      const { outline, center } = place;
      const color = finding.selected ? SELECTED_COLOR : finding.reader ? READER_COLOR : BOX_COLOR;
      ctx.strokeStyle = color;
      ctx.lineWidth = finding.selected ? 2 : 1.25;
      ctx.setLineDash(finding.lowConfidence ? [4, 3] : []);
      ctx.beginPath();
      if (outline && outline.length >= 2 && finding.ellipse) {
        const r = outlineBounds(outline);
        ctx.ellipse((r.left + r.right) / 2, (r.top + r.bottom) / 2, Math.max(0.5, (r.right - r.left) / 2), Math.max(0.5, (r.bottom - r.top) / 2), 0, 0, 2 * Math.PI);
      } else if (outline && outline.length >= 2) {
        outline.forEach((p, n) => (n === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
        ctx.closePath();
      } else {
        ctx.arc(center.x, center.y, 8, 0, 2 * Math.PI);
      }
      ctx.stroke();
      if (finding.handles && outline) {
        const r = outlineBounds(outline);
        drawn.selectedBox = [r.left, r.top, r.right, r.bottom].map((v) => v.toFixed(1)).join(',');
        ctx.setLineDash([]);
        ctx.fillStyle = color;
        for (const h of handlePoints(outline)) ctx.fillRect(h.at.x - HANDLE_PX / 2, h.at.y - HANDLE_PX / 2, HANDLE_PX, HANDLE_PX);
      }
      const top = outline ? Math.min(...outline.map((p) => p.y)) : center.y - 8;
      const left = outline ? Math.min(...outline.map((p) => p.x)) : center.x - 8;
      ctx.setLineDash([]);
      ctx.font = '11px sans-serif';
      ctx.lineWidth = 3;
      ctx.strokeStyle = '#000';
      ctx.fillStyle = color;
      ctx.strokeText(finding.label, left, top - 4);
      ctx.fillText(finding.label, left, top - 4);
      if (finding.reader) drawn.reader++;
      else drawn.ai++;
    }
    return drawn;
  }

  dispose(): void {
    this.disposed = true;
    this.canvas?.remove();
    this.canvas = null;
  }
}

/** The rectangle or ellipse being dragged out with the draw-missed-finding tool. */
function drawSketch(ctx: CanvasRenderingContext2D, s: Sketch): void {
  const left = Math.min(s.a.x, s.b.x);
  const top = Math.min(s.a.y, s.b.y);
  const w = Math.abs(s.b.x - s.a.x);
  const h = Math.abs(s.b.y - s.a.y);
  ctx.strokeStyle = READER_COLOR;
  ctx.lineWidth = 1.5;
  ctx.setLineDash([5, 3]);
  ctx.beginPath();
  if (s.shape === 'ellipse') ctx.ellipse(left + w / 2, top + h / 2, Math.max(0.5, w / 2), Math.max(0.5, h / 2), 0, 0, 2 * Math.PI);
  else ctx.rect(left, top, w, h);
  ctx.stroke();
  ctx.setLineDash([]);
}
