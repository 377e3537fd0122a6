// The 3-D view: GPU ray casting (vtkVolumeMapper) of the volume with a transfer-function preset,
// rotated and zoomed with vtk.js's trackball camera style. A volume longer than the GPU's 3-D
// texture limit along any axis is decimated for this view only (gpu-downsample.ts).
import vtkColorTransferFunction from '@kitware/vtk.js/Rendering/Core/ColorTransferFunction';
import vtkPiecewiseFunction from '@kitware/vtk.js/Common/DataModel/PiecewiseFunction';
import vtkRenderWindowInteractor from '@kitware/vtk.js/Rendering/Core/RenderWindowInteractor';
import vtkVolume from '@kitware/vtk.js/Rendering/Core/Volume';
import vtkVolumeMapper from '@kitware/vtk.js/Rendering/Core/VolumeMapper';
import vtkInteractorStyleTrackballCamera from '@kitware/vtk.js/Interaction/Style/InteractorStyleTrackballCamera';
import { DisposalScope } from './disposal-scope';
import { downsampleForGpu } from './gpu-downsample';
import { RenderSurface } from './render-surface';
import { volumeCenter, volumeGeometry } from './slice-geometry';
import { toModality } from './window-presets';
import type { LoadedVolume } from './volume-loader';
import { VOLUME_PRESETS, type VolumePreset } from './volume-presets';
import { createImageData } from './vtk-image';
import { uploadVoxelTexture } from './voxel-texture';

const SAMPLES_PER_DIAGONAL = 384;

export class VolumeViewport {
  readonly scope = new DisposalScope();
  readonly surface: RenderSurface;
  readonly downsampled: boolean;
  private readonly actor;
  private readonly mapper;
  private presetId: VolumePreset['id'];
  /** The current transfer functions; replaced ones are deleted at once, the last by the scope. */
  private functions: { delete(): void }[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(
    container: HTMLElement,
    readonly volume: LoadedVolume,
    preset: VolumePreset['id'],
    maxTextureSize?: number,
  ) {
    const d = volume.description;
    this.surface = new RenderSurface(container, this.scope);
    const gpu = downsampleForGpu(d.dimensions, d.spacing, volume.voxels, maxTextureSize);
    this.downsampled = gpu.factors.some((f) => f > 1);
    // Not decimated: the same data array, hence the same texture, as the 2-D views.
    const image = createImageData(this.scope, d, gpu.dimensions, gpu.spacing, gpu.voxels, true);
    uploadVoxelTexture(this.surface.rootView, image);
    this.mapper = this.scope.track(vtkVolumeMapper.newInstance());
    this.mapper.setInputData(image);
    // About SAMPLES_PER_DIAGONAL samples across the volume whatever its voxel size: thin CT
    // slices would otherwise cost thousands of samples per ray (seconds per frame on SwiftShader).
    const [ex, ey, ez] = gpu.dimensions.map((n, a) => n * (gpu.spacing[a] as number)) as [number, number, number];
    this.mapper.setSampleDistance(Math.max(Math.min(...gpu.spacing) * 0.5, Math.hypot(ex, ey, ez) / SAMPLES_PER_DIAGONAL));
    this.mapper.setMaximumSamplesPerRay(2 * SAMPLES_PER_DIAGONAL);
    this.actor = this.scope.track(vtkVolume.newInstance());
    this.actor.setMapper(this.mapper);
    this.surface.renderer.addVolume(this.actor);
    this.scope.track(() => this.surface.renderer.removeVolume(this.actor));
    this.presetId = preset;
    this.applyPreset();

    const interactor = this.scope.track(vtkRenderWindowInteractor.newInstance());
    const style = this.scope.track(vtkInteractorStyleTrackballCamera.newInstance());
    interactor.setInteractorStyle(style);
    interactor.setView(this.surface.view);
    interactor.initialize();
    interactor.bindEvents(container);
    this.scope.track(() => interactor.unbindEvents());
    const subscription = interactor.onRenderEvent(() => {
      this.surface.frames += 1;
      container.dataset.frames = String(this.surface.frames);
      this.notify();
    });
    this.scope.track(() => subscription.unsubscribe());
    this.surface.onAfterRender(() => this.notify());
    this.resetCamera();
  }

  get preset(): VolumePreset['id'] {
    return this.presetId;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  setPreset(id: VolumePreset['id']): void {
    this.presetId = id;
    this.applyPreset();
    this.surface.requestRender();
  }

  /** Seen from the front (anterior), head up, like a coronal view. */
  resetCamera(): void {
    const renderer = this.surface.renderer;
    const camera = renderer.getActiveCamera();
    const c = volumeCenter(volumeGeometry(this.volume.description));
    camera.setParallelProjection(false);
    camera.setFocalPoint(c[0], c[1], c[2]);
    camera.setPosition(c[0], c[1] - 1000, c[2]);
    camera.setViewUp(0, 0, 1);
    renderer.resetCamera();
    this.surface.requestRender();
  }

  private applyPreset(): void {
    const preset = VOLUME_PRESETS.find((p) => p.id === this.presetId) ?? (VOLUME_PRESETS[0] as VolumePreset);
    const d = this.volume.description;
    const lo = toModality(d.min, d.rescale);
    const hi = toModality(d.max, d.rescale);
    // Transfer functions act on stored values: convert from modality units (or range fractions).
    const toStored = (value: number) => {
      const modality = preset.relative ? lo + value * (hi - lo) : value;
      return (modality - d.rescale.intercept) / (d.rescale.slope || 1);
    };
    const property = this.actor.getProperty();
    const colors = vtkColorTransferFunction.newInstance();
    for (const [v, r, g, b] of preset.colors) colors.addRGBPoint(toStored(v), r, g, b);
    const opacity = vtkPiecewiseFunction.newInstance();
    for (const [v, a] of preset.opacity) opacity.addPoint(toStored(v), a);
    property.setRGBTransferFunction(0, colors);
    property.setScalarOpacity(0, opacity);
    for (const old of this.functions) old.delete();
    if (this.functions.length === 0) this.scope.track(() => this.functions.forEach((f) => f.delete()));
    this.functions = [colors, opacity];
    property.setInterpolationTypeToLinear();
    property.setShade(true);
    property.setAmbient(0.2);
    property.setDiffuse(0.7);
    property.setSpecular(0.3);
    property.setSpecularPower(8);
  }

  requestRender(): void {
    this.surface.requestRender();
  }

  dispose(): void {
    this.listeners.clear();
    this.scope.dispose();
  }
}
