// A 2-D view (stack, axial, coronal or sagittal) of one volume: vtkImageResliceMapper cuts the
// vtkImageData along a plane in patient space, with an optional slab (MIP / MinIP / mean). The
// state lives here as plain data (slice-geometry.ts) and is copied into the vtk.js camera,
// plane and image property on every change; the React overlay reads `snapshot()`.
import vtkPlane from '@kitware/vtk.js/Common/DataModel/Plane';
import vtkImageProperty from '@kitware/vtk.js/Rendering/Core/ImageProperty';
import vtkImageResliceMapper from '@kitware/vtk.js/Rendering/Core/ImageResliceMapper';
import { SlabTypes } from '@kitware/vtk.js/Rendering/Core/ImageResliceMapper/Constants';
import vtkImageSlice from '@kitware/vtk.js/Rendering/Core/ImageSlice';
import { DisposalScope } from './disposal-scope';
import type { LoadedVolume } from './volume-loader';
import { RenderSurface } from './render-surface';
import {
  type ScreenMapping,
  type SliceOrientation,
  type Transform2D,
  type ViewFrame,
  type VolumeGeometry,
  IDENTITY_2D,
  baseFrame,
  fitScale,
  projectToPlane,
  rightOf,
  sliceRange,
  sliceStep,
  transformFrame,
  volumeCenter,
  volumeGeometry,
  worldToIndex,
} from './slice-geometry';
import { type Vec3, dot } from './vec3';
import { IDENTITY_ROTATION, type Mat3, isIdentity, obliqueFrame } from './oblique-planes';
import { createImageData } from './vtk-image';
import { uploadVoxelTexture } from './voxel-texture';
import { type WindowLevel, storedWindow, toModality } from './window-presets';

export type SlabMode = 'none' | 'mip' | 'minip' | 'mean';
export const SLAB_MODES: readonly SlabMode[] = ['none', 'mip', 'minip', 'mean'];
const SLAB_TYPE: Record<Exclude<SlabMode, 'none'>, number> = { mip: SlabTypes.MAX, minip: SlabTypes.MIN, mean: SlabTypes.MEAN };

export interface SliceViewState {
  orientation: SliceOrientation;
  transform: Transform2D;
  /** Plane position, mm along the orientation's base normal. */
  position: number;
  /** Patient point shown at the viewport centre (projected onto the plane). */
  center: Vec3;
  mmPerPixel: number;
  window: WindowLevel;
  invert: boolean;
  slab: { mode: SlabMode; thickness: number };
  /** Oblique MPR: the turn of the three MPR planes (identity when orthogonal to the patient axes; a stack ignores it). */
  rotation: Mat3;
}

const CAMERA_DISTANCE = 2000;

export class SliceViewport {
  readonly scope = new DisposalScope();
  readonly surface: RenderSurface;
  readonly geometry: VolumeGeometry;
  private readonly plane;
  private readonly mapper;
  private readonly property;
  private readonly actor;
  private state: SliceViewState;
  private fitted = false;

  constructor(
    container: HTMLElement,
    readonly volume: LoadedVolume,
    orientation: SliceOrientation,
    initialWindow: WindowLevel,
  ) {
    const d = volume.description;
    this.geometry = volumeGeometry(d);
    this.surface = new RenderSurface(container, this.scope);
    const image = createImageData(this.scope, d, d.dimensions, d.spacing, volume.voxels, true);
    uploadVoxelTexture(this.surface.rootView, image);
    this.plane = this.scope.track(vtkPlane.newInstance());
    this.mapper = this.scope.track(vtkImageResliceMapper.newInstance());
    this.mapper.setInputData(image);
    this.mapper.setSlicePlane(this.plane);
    this.property = this.scope.track(vtkImageProperty.newInstance());
    this.property.setInterpolationTypeToLinear();
    this.actor = this.scope.track(vtkImageSlice.newInstance());
    this.actor.setMapper(this.mapper);
    this.actor.setProperty(this.property);
    this.surface.renderer.addActor(this.actor);
    this.scope.track(() => this.surface.renderer.removeActor(this.actor));
    const center = volumeCenter(this.geometry);
    const frame = baseFrame(orientation, this.geometry);
    this.state = {
      orientation,
      transform: IDENTITY_2D,
      position: dot(center, frame.normal),
      center,
      mmPerPixel: 1,
      window: initialWindow,
      invert: false,
      slab: { mode: 'none', thickness: 0 },
      rotation: IDENTITY_ROTATION,
    };
    this.surface.onBeforeRender(() => this.applyCamera());
    this.surface.onAfterRender(() => this.notify());
    this.apply();
  }

  private readonly listeners = new Set<() => void>();
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  get view(): Readonly<SliceViewState> {
    return this.state;
  }

  /** The frame after rotation and flips. */
  get frame(): ViewFrame {
    return transformFrame(this.baseFrame, this.state.transform);
  }

  /** The plane's frame before the reader's 2-D rotation and flips: the MPR planes' turn included. */
  get baseFrame(): ViewFrame {
    const base = baseFrame(this.state.orientation, this.geometry);
    return this.state.orientation === 'stack' ? base : obliqueFrame(base, this.state.rotation);
  }

  /** True when the MPR planes are turned away from the patient axes. */
  get oblique(): boolean {
    return this.state.orientation !== 'stack' && !isIdentity(this.state.rotation);
  }

  get step(): number {
    return sliceStep(this.geometry, this.baseFrame.normal);
  }

  mapping(): ScreenMapping {
    const base = this.baseFrame;
    return {
      frame: this.frame,
      center: projectToPlane(this.state.center, base.normal, this.state.position),
      mmPerPixel: this.state.mmPerPixel,
      width: this.surface.width,
      height: this.surface.height,
    };
  }

  /** 1-based slice number and count along the current normal. */
  sliceIndex(): { index: number; count: number } {
    const range = sliceRange(this.geometry, this.baseFrame.normal);
    const step = this.step;
    const count = Math.round((range.max - range.min) / step) + 1;
    return { index: Math.min(count, Math.max(1, Math.round((this.state.position - range.min) / step) + 1)), count };
  }

  update(patch: Partial<SliceViewState>): void {
    this.state = { ...this.state, ...patch };
    this.apply();
  }

  setPosition(position: number): void {
    const range = sliceRange(this.geometry, this.baseFrame.normal);
    this.update({ position: Math.min(range.max, Math.max(range.min, position)) });
  }

  /** Moves by whole slices, snapping to the voxel grid along the normal. */
  scroll(slices: number): void {
    const range = sliceRange(this.geometry, this.baseFrame.normal);
    const step = this.step;
    const index = Math.round((this.state.position - range.min) / step) + slices;
    this.setPosition(range.min + index * step);
  }

  scrollTo(which: 'first' | 'last'): void {
    const range = sliceRange(this.geometry, this.baseFrame.normal);
    this.setPosition(which === 'first' ? range.min : range.max);
  }

  /** Takes over the slice, zoom, pan and display of a view of another volume of the same series. */
  adopt(previous: Readonly<SliceViewState>): void {
    this.fitted = true;
    this.update({ ...previous });
    this.setPosition(previous.position);
  }

  fit(): void {
    this.fitted = true;
    this.update({ mmPerPixel: fitScale(this.geometry, this.frame, this.surface.width, this.surface.height) });
  }

  /** One image pixel per screen pixel (the finer in-plane spacing). */
  oneToOne(): void {
    const [si, sj] = this.geometry.spacing;
    this.update({ mmPerPixel: Math.min(si, sj) });
  }

  /** Zoom percentage relative to 1:1. */
  zoomPercent(): number {
    const [si, sj] = this.geometry.spacing;
    return (Math.min(si, sj) / this.state.mmPerPixel) * 100;
  }

  /** Value under a patient point in modality units (HU for CT), or null outside the volume. */
  valueAt(p: Vec3): number | null {
    const [fi, fj, fk] = worldToIndex(this.geometry, p);
    const [nx, ny, nz] = this.geometry.dimensions;
    const i = Math.round(fi);
    const j = Math.round(fj);
    const k = Math.round(fk);
    if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) return null;
    const stored = this.volume.voxels[i + nx * (j + ny * k)] as number;
    return toModality(stored, this.volume.description.rescale);
  }

  reset(window: WindowLevel): void {
    const center = volumeCenter(this.geometry);
    const frame = baseFrame(this.state.orientation, this.geometry);
    this.state = {
      ...this.state,
      transform: IDENTITY_2D,
      position: dot(center, frame.normal),
      center,
      window,
      invert: false,
      slab: { mode: 'none', thickness: 0 },
      rotation: IDENTITY_ROTATION,
    };
    this.fit();
  }

  requestRender(): void {
    if (!this.fitted && this.surface.width > 1) this.fit();
    this.surface.requestRender();
  }

  private apply(): void {
    const s = this.state;
    const base = this.baseFrame;
    const focal = projectToPlane(s.center, base.normal, s.position);
    this.plane.setNormal(base.normal[0], base.normal[1], base.normal[2]);
    this.plane.setOrigin(focal[0], focal[1], focal[2]);
    if (s.slab.mode === 'none' || s.slab.thickness <= 0) this.mapper.setSlabThickness(0);
    else {
      this.mapper.setSlabThickness(s.slab.thickness);
      this.mapper.setSlabType(SLAB_TYPE[s.slab.mode]);
    }
    const stored = storedWindow(s.window, this.volume.description.rescale);
    // A negative window inverts the grey ramp in vtk.js's shader (scale = 1 / window).
    this.property.setColorWindow(s.invert ? -stored.colorWindow : stored.colorWindow);
    this.property.setColorLevel(stored.colorLevel);
    this.requestRender();
  }

  private applyCamera(): void {
    const s = this.state;
    const frame = this.frame;
    const focal = projectToPlane(s.center, this.baseFrame.normal, s.position);
    const camera = this.surface.renderer.getActiveCamera();
    camera.setParallelProjection(true);
    camera.setFocalPoint(focal[0], focal[1], focal[2]);
    camera.setPosition(focal[0] - frame.normal[0] * CAMERA_DISTANCE, focal[1] - frame.normal[1] * CAMERA_DISTANCE, focal[2] - frame.normal[2] * CAMERA_DISTANCE);
    camera.setViewUp(frame.up[0], frame.up[1], frame.up[2]);
    camera.setParallelScale((s.mmPerPixel * this.surface.height) / 2);
    camera.setClippingRange(CAMERA_DISTANCE - 1000, CAMERA_DISTANCE + 1000);
  }

  /** Screen-right in patient space (for orientation markers). */
  right(): Vec3 {
    return rightOf(this.frame);
  }

  dispose(): void {
    this.listeners.clear();
    this.scope.dispose();
  }
}
