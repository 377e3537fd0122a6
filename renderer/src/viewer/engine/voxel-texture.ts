// The 3-D texture of a 16-bit volume, built here instead of by vtk.js's mappers. Where a context
// lacks linearly filterable EXT_texture_norm16 (SwiftShader, most Safari and many Chromium GPUs),
// vtk.js's Texture.create3DFromRaw converts the whole volume to one Float32Array (2× the voxel
// bytes in the page's heap at once) and allocates an R32F texture (2× again in the GPU process,
// which is process RAM under SwiftShader). Here the texture is half-float (R16F, 2 bytes per
// voxel, linearly filterable in every WebGL2) and is filled slab by slab with texSubImage3D from
// one small float32 buffer. Half floats hold every integer in [-2048, 2048] exactly, so the
// values are stored relative to the middle of their range and vtk.js adds it back through the
// texture's volumeInfo.offset (its shaders read value = texel × scale + offset). A range wider
// than 4,096 would lose integers, so such a volume gets R32F, still filled slab by slab.
// The texture is registered on the shared root window under the volume's data array, which is
// how vtk.js's ImageResliceMapper and VolumeMapper look theirs up (getGraphicsResourceForObject):
// they find it there and build nothing.
import vtkOpenGLTexture from '@kitware/vtk.js/Rendering/OpenGL/Texture';
import type { vtkOpenGLTexture as VtkOpenGLTextureType } from '@kitware/vtk.js/Rendering/OpenGL/Texture';
import type { VtkOpenGLRenderWindow } from './render-surface';
import { voxelTextureLayout } from './voxel-texture-layout';
import type { VtkImageData } from './vtk-image';

/** Voxels converted per texSubImage3D call (8 MiB of float32). */
const SLAB_VOXELS = 2 * 1024 * 1024;

export interface VoxelTextureInfo {
  internalFormat: 'R16F' | 'R32F';
  /** Stored value = texel + offset. */
  offset: number;
  bytes: number;
}

/** The parts of vtk.js's OpenGL texture used here; its .d.ts omits getHandle and getVolumeInfo. */
interface TextureApi {
  getHandle(): unknown;
  getVolumeInfo(): VolumeInfo;
  setOpenGLRenderWindow(view: VtkOpenGLRenderWindow): void;
  setInternalFormat(format: number): void;
  create3DFromRaw(args: { width: number; height: number; depth: number; numComps: number; dataType: 'Float32Array'; data: null }): boolean;
  activate(): void;
  deactivate(): void;
}

interface VolumeInfo {
  scale: number[];
  offset: number[];
  dataComputedScale?: number[];
  dataComputedOffset?: number[];
  width?: number;
  height?: number;
  depth?: number;
}

/**
 * The last volume's texture keeps one extra holder until another volume's texture is used, so a
 * layout change (every view unmounts, then the new ones mount) finds it instead of uploading the
 * volume again. At most one texture no view shows stays on the GPU.
 */
const keeper = { holder: 'voxel-texture' };
let kept: { registry: ResourceRegistry; scalars: object } | null = null;

/** vtk.js's render window API for shared resources; its .d.ts omits these. */
interface ResourceRegistry {
  registerGraphicsResourceUser(coreObject: object, user: object): void;
  unregisterGraphicsResourceUser(coreObject: object, user: object): void;
  isDeleted(): boolean;
}

function keep(rootView: VtkOpenGLRenderWindow, scalars: object): void {
  const registry = rootView as unknown as ResourceRegistry;
  if (kept && (kept.scalars !== scalars || kept.registry !== registry) && !kept.registry.isDeleted()) {
    kept.registry.unregisterGraphicsResourceUser(kept.scalars, keeper);
  }
  kept = { registry, scalars };
  registry.registerGraphicsResourceUser(scalars, keeper);
}

/**
 * Uploads `image`'s scalars as the shared texture, unless one is already there. Returns what it
 * built, or null when vtk.js's own path is already copy-free (8-bit and float32 voxels) or the
 * texture exists.
 */
export function uploadVoxelTexture(rootView: VtkOpenGLRenderWindow, image: VtkImageData): VoxelTextureInfo | null {
  const scalars = image.getPointData().getScalars();
  const data = scalars.getData();
  if (!(data instanceof Int16Array || data instanceof Uint16Array) || scalars.getNumberOfComponents() !== 1) return null;
  const [min, max] = scalars.getRange(0) as [number, number];
  const hash = `${scalars.getMTime()}`;
  const existing = rootView.getGraphicsResourceForObject(scalars);
  if ((existing?.oglObject as TextureApi | null | undefined)?.getHandle() && existing?.hash === hash) {
    keep(rootView, scalars);
    return null;
  }

  const gl = (rootView as unknown as { getContext(): WebGL2RenderingContext }).getContext();
  const [width, height, depth] = image.getDimensions() as [number, number, number];
  const { internalFormat, offset } = voxelTextureLayout(min, max);
  const half = internalFormat === 'R16F';
  const texture = vtkOpenGLTexture.newInstance() as unknown as TextureApi;
  texture.setOpenGLRenderWindow(rootView);
  texture.setInternalFormat(half ? gl.R16F : gl.R32F);
  // No data: vtk.js allocates the storage (texStorage3D) and sets up the texture's state; the
  // voxels follow below.
  texture.create3DFromRaw({ width, height, depth, numComps: 1, dataType: 'Float32Array', data: null });
  const info = texture.getVolumeInfo();
  info.scale = [1];
  info.offset = [offset];
  info.dataComputedScale = [max - min || 1];
  info.dataComputedOffset = [min];
  Object.assign(info, { width, height, depth });

  const plane = width * height;
  const slices = Math.max(1, Math.floor(SLAB_VOXELS / plane));
  const slab = new Float32Array(slices * plane);
  texture.activate();
  gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
  for (let z = 0; z < depth; z += slices) {
    const count = Math.min(slices, depth - z);
    const start = z * plane;
    const end = start + count * plane;
    for (let i = start, w = 0; i < end; i++, w++) slab[w] = (data[i] as number) - offset;
    gl.texSubImage3D(gl.TEXTURE_3D, 0, 0, 0, z, width, height, count, gl.RED, gl.FLOAT, count === slices ? slab : slab.subarray(0, count * plane));
  }
  texture.deactivate();
  rootView.setGraphicsResourceForObject(scalars, texture as unknown as VtkOpenGLTextureType, hash);
  keep(rootView, scalars);
  return { internalFormat, offset, bytes: plane * depth * (half ? 2 : 4) };
}
