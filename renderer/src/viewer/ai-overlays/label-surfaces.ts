// Label maps in the 3-D view: one surface per label (marching cubes on that label's mask, cropped
// to its bounding box), coloured from the label table, drawn in a second renderer layer that
// shares the volume's camera, so a lesion inside the chest or brain stays visible through the
// volume rendering (which would otherwise hide it behind ribs and heart). vtk.js's marching cubes ignores the
// image direction, so surfaces are built in voxel indices and placed by the actor's user matrix
// (voxel → LPS, column-major as gl-matrix expects), which keeps oblique grids exact.
// The viewer registers only vtk.js's image/volume OpenGL classes (render-surface.ts); surfaces need the geometry ones.
import '@kitware/vtk.js/Rendering/OpenGL/Profiles/Geometry';
import vtkImageMarchingCubes from '@kitware/vtk.js/Filters/General/ImageMarchingCubes';
import vtkActor from '@kitware/vtk.js/Rendering/Core/Actor';
import vtkMapper from '@kitware/vtk.js/Rendering/Core/Mapper';
import vtkRenderer from '@kitware/vtk.js/Rendering/Core/Renderer';
import { DisposalScope } from '../engine/disposal-scope';
import type { VolumeViewport } from '../engine/volume-viewport';
import { createImageData } from '../engine/vtk-image';
import type { OverlayLayer } from './overlay-layer';

/** Surfaces cost seconds on a software rasteriser: the first labels of a large atlas only. */
const MAX_LABELS = 40;

type Box = [number, number, number, number, number, number];

/** Bounding box (i0, j0, k0, i1, j1, k1) of every label value present, in one pass. */
export function labelBoxes(dimensions: readonly [number, number, number], voxels: ArrayLike<number>): Map<number, Box> {
  const [nx, ny, nz] = dimensions;
  const boxes = new Map<number, Box>();
  let n = 0;
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++, n++) {
        const v = voxels[n]!;
        if (v === 0) continue;
        const b = boxes.get(v);
        if (!b) boxes.set(v, [i, j, k, i, j, k]);
        else {
          if (i < b[0]) b[0] = i;
          if (j < b[1]) b[1] = j;
          if (k < b[2]) b[2] = k;
          if (i > b[3]) b[3] = i;
          if (j > b[4]) b[4] = j;
          if (k > b[5]) b[5] = k;
        }
      }
  return boxes;
}

export class LabelSurfaces {
  private readonly built = new Map<string, { scope: DisposalScope; actors: ReturnType<typeof vtkActor.newInstance>[] }>();
  private readonly scope = new DisposalScope();
  private overlay: ReturnType<typeof vtkRenderer.newInstance> | null = null;

  constructor(private readonly view: VolumeViewport) {}

  /** The layer-1 renderer the surfaces live in: same camera, colour buffer kept, depth cleared. */
  private overlayRenderer(): ReturnType<typeof vtkRenderer.newInstance> {
    if (this.overlay) return this.overlay;
    const { renderWindow, renderer } = this.view.surface;
    const overlay = this.scope.track(vtkRenderer.newInstance());
    overlay.setLayer(1);
    overlay.setInteractive(false);
    overlay.setPreserveColorBuffer(true);
    overlay.setActiveCamera(renderer.getActiveCamera());
    renderWindow.setNumberOfLayers(2);
    renderWindow.addRenderer(overlay);
    this.scope.track(() => renderWindow.removeRenderer(overlay));
    this.overlay = overlay;
    return overlay;
  }

  update(layers: readonly OverlayLayer[]): void {
    const wanted = new Map(layers.filter((l) => l.output.kind === 'labelmap').map((l) => [l.id, l]));
    for (const [id, entry] of this.built) {
      const layer = wanted.get(id);
      for (const actor of entry.actors) {
        actor.setVisibility(!!layer?.visible && layer.opacity > 0);
      }
    }
    for (const layer of wanted.values()) if (layer.visible && !this.built.has(layer.id)) this.build(layer);
    this.view.requestRender();
  }

  private build(layer: OverlayLayer): void {
    const scope = new DisposalScope();
    const actors: ReturnType<typeof vtkActor.newInstance>[] = [];
    const renderer = this.overlayRenderer();
    const { dimensions, spacing, axes, origin } = layer.grid;
    const [nx, ny] = dimensions;
    const boxes = [...labelBoxes(dimensions, layer.voxels)].filter(([v]) => layer.output.labels?.[String(v)]).slice(0, MAX_LABELS);
    for (const [value, [i0, j0, k0, i1, j1, k1]] of boxes) {
      // One voxel of padding so the surface closes at the crop's faces.
      const size: [number, number, number] = [i1 - i0 + 3, j1 - j0 + 3, k1 - k0 + 3];
      const mask = new Uint8Array(size[0] * size[1] * size[2]);
      for (let k = k0; k <= k1; k++)
        for (let j = j0; j <= j1; j++)
          for (let i = i0; i <= i1; i++)
            if (layer.voxels[i + nx * (j + ny * k)] === value) mask[i - i0 + 1 + size[0] * (j - j0 + 1 + size[1] * (k - k0 + 1))] = 1;
      const image = createImageData(scope, { origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] }, size, [1, 1, 1], mask);
      const cubes = scope.track(vtkImageMarchingCubes.newInstance({ contourValue: 0.5, computeNormals: true, mergePoints: true }));
      cubes.setInputData(image);
      const mapper = scope.track(vtkMapper.newInstance());
      mapper.setInputConnection(cubes.getOutputPort());
      const actor = scope.track(vtkActor.newInstance());
      actor.setMapper(mapper);
      cubes.update();
      if (cubes.getOutputData().getNumberOfPolys() === 0) continue;
      const color = layer.output.labels![String(value)]!.color;
      actor.getProperty().setColor(color[0] / 255, color[1] / 255, color[2] / 255);
      // Mask index (a, b, c) is source voxel (i0 − 1 + a, …): column-major voxel → LPS.
      const shift = [i0 - 1, j0 - 1, k0 - 1] as const;
      const t = [0, 1, 2].map((r) => origin[r]! + axes[0][r]! * spacing[0] * shift[0] + axes[1][r]! * spacing[1] * shift[1] + axes[2][r]! * spacing[2] * shift[2]);
      const column = (a: 0 | 1 | 2) => [0, 1, 2].map((r) => axes[a][r]! * spacing[a]);
      actor.setUserMatrix(Float32Array.from([...column(0), 0, ...column(1), 0, ...column(2), 0, t[0]!, t[1]!, t[2]!, 1]));
      renderer.addActor(actor);
      scope.track(() => renderer.removeActor(actor));
      actors.push(actor);
    }
    this.built.set(layer.id, { scope, actors });
    // For tests and support: how many label surfaces this 3-D view holds.
    const surfaces = [...this.built.values()].reduce((n, b) => n + b.actors.length, 0);
    this.view.surface.container.dataset.aiSurfaces = String(surfaces);
  }

  dispose(): void {
    for (const entry of this.built.values()) entry.scope.dispose();
    this.built.clear();
    this.scope.dispose();
  }
}
