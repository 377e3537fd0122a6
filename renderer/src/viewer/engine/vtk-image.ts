// vtkImageData over the loaded voxels, in patient space: origin, spacing and the direction
// cosines (rows of vtk's mat3 are the i, j, k axes, as in our description), so vtk.js world
// coordinates are DICOM LPS millimetres. The typed array is wrapped, not copied, and keeps its
// native type (int16 stays int16). The views of one volume share ONE data array (`shared`):
// vtk.js caches textures per data array, so with the shared render context they share one
// texture too (shared-render-context.ts, voxel-texture.ts).
import vtkDataArray from '@kitware/vtk.js/Common/Core/DataArray';
import vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
import type { VolumeDescription } from '../../../../electron/shared/volumes';
import type { DisposalScope } from './disposal-scope';
import type { TypedVoxels } from './gpu-downsample';

export type VtkImageData = ReturnType<typeof vtkImageData.newInstance>;
type VtkDataArray = ReturnType<typeof vtkDataArray.newInstance>;

/** One data array per voxel buffer; it lives as long as the buffer (the loaded volume). */
const sharedScalars = new WeakMap<TypedVoxels, VtkDataArray>();

function scalarsFor(voxels: TypedVoxels): VtkDataArray {
  let scalars = sharedScalars.get(voxels);
  if (!scalars) {
    scalars = vtkDataArray.newInstance({ name: 'Scalars', numberOfComponents: 1, values: voxels });
    sharedScalars.set(voxels, scalars);
  }
  return scalars;
}

export function createImageData(
  scope: DisposalScope,
  description: Pick<VolumeDescription, 'origin' | 'direction'>,
  dimensions: readonly [number, number, number],
  spacing: readonly [number, number, number],
  voxels: TypedVoxels,
  shared = false,
): VtkImageData {
  const image = scope.track(vtkImageData.newInstance());
  image.setDimensions([dimensions[0], dimensions[1], dimensions[2]]);
  image.setSpacing([spacing[0], spacing[1], spacing[2]]);
  image.setOrigin([description.origin[0], description.origin[1], description.origin[2]]);
  image.setDirection(description.direction);
  const scalars = shared ? scalarsFor(voxels) : scope.track(vtkDataArray.newInstance({ name: 'Scalars', numberOfComponents: 1, values: voxels }));
  image.getPointData().setScalars(scalars);
  return image;
}
