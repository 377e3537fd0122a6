// The AI layer of one 2-D viewport: a canvas over the vtk.js canvas (pointer events pass through)
// redrawn after every frame of the view, so label maps, parametric/heat maps and detection boxes
// follow scrolling, zoom, pan, rotation and oblique planes exactly. data-ai-pixels and
// data-ai-findings count what was drawn, for end-to-end tests.
import type { Finding } from '../../../../electron/shared/ai-results';
import type { SliceViewport } from '../engine/slice-viewport';
import { findingOnScreen, isFindingOnPlane } from './finding-geometry';
import { colorizeFor, type OverlayLayer } from './overlay-layer';
import { rasterizeOverlay, screenToIndexMapping } from './overlay-raster';

export interface AiDrawState {
  layers: readonly OverlayLayer[];
  findings: readonly Finding[];
  selectedFindingId: string | null;
  /** The whole AI layer on or off (toggle shortcut); per-layer visibility is in the layers. */
  enabled: boolean;
}

const BOX_COLOR = '#ffb020';
const SELECTED_COLOR = '#35e0ff';

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
    if (!state.enabled || (state.layers.length === 0 && state.findings.length === 0)) {
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
    for (const layer of state.layers) {
      if (!layer.visible || layer.opacity <= 0) continue;
      pixels += this.drawLayer(ctx, layer, width, height, mapping);
    }
    const drawn = this.drawFindings(ctx, state, mapping);
    this.canvas.dataset.aiPixels = String(pixels);
    this.canvas.dataset.aiFindings = String(drawn);
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

  private drawFindings(ctx: CanvasRenderingContext2D, state: AiDrawState, mapping: ReturnType<SliceViewport['mapping']>): number {
    const normal = this.view.baseFrame.normal;
    const position = this.view.view.position;
    const step = this.view.step;
    let drawn = 0;
    for (const finding of state.findings) {
      if (!isFindingOnPlane(finding, normal, position, step)) continue;
      const selected = finding.id === state.selectedFindingId;
      const place = findingOnScreen(finding, mapping);
      if (!place) continue;
      const { outline, center } = place;
      ctx.strokeStyle = selected ? SELECTED_COLOR : BOX_COLOR;
      ctx.lineWidth = selected ? 2 : 1.25;
      ctx.setLineDash(finding.lowConfidence ? [4, 3] : []);
      ctx.beginPath();
      if (outline && outline.length >= 2) {
        outline.forEach((p, n) => (n === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
        ctx.closePath();
      } else {
        ctx.arc(center.x, center.y, 8, 0, 2 * Math.PI);
      }
      ctx.stroke();
      const top = outline ? Math.min(...outline.map((p) => p.y)) : center.y - 8;
      const left = outline ? Math.min(...outline.map((p) => p.x)) : center.x - 8;
      ctx.setLineDash([]);
      ctx.font = '11px sans-serif';
      ctx.lineWidth = 3;
      ctx.strokeStyle = '#000';
      ctx.fillStyle = selected ? SELECTED_COLOR : BOX_COLOR;
      ctx.strokeText(finding.id, left, top - 4);
      ctx.fillText(finding.id, left, top - 4);
      drawn++;
    }
    return drawn;
  }

  dispose(): void {
    this.disposed = true;
    this.canvas?.remove();
    this.canvas = null;
  }
}
