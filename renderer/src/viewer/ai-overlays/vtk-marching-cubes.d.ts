// vtk.js 37 ships no type declarations for its image marching cubes filter: the part we use.
declare module '@kitware/vtk.js/Filters/General/ImageMarchingCubes' {
  import type { vtkAlgorithm, vtkObject } from '@kitware/vtk.js/interfaces';
  import type vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';

  export interface vtkImageMarchingCubes extends vtkObject, vtkAlgorithm {
    setInputData(image: ReturnType<typeof vtkImageData.newInstance>): void;
    setContourValue(value: number): boolean;
  }
  const vtkImageMarchingCubes: {
    newInstance(initial?: { contourValue?: number; computeNormals?: boolean; mergePoints?: boolean }): vtkImageMarchingCubes;
  };
  export default vtkImageMarchingCubes;
}
