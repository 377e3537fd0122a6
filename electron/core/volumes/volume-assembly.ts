// Builds volumes from the instances of a series: parse headers, split into volumes (4-D),
// order slices along the normal, copy native voxels, and resample only where the acquired
// grid is not a regular orthogonal one (gantry tilt, irregular spacing).
import { AppError } from '../../shared/result';
import { type DicomDataset, readDataset } from './dicom-dataset';
import { type FrameHeader, readFrameHeaders } from './frame-header';
import { frameVoxelType, readFramePixels } from './frame-pixels';
import { type SliceStack, buildSliceStack } from './slice-stack';
import type { Volume } from './volume';
import { groupFrames } from './volume-grouping';
import { deshear, equalSpacing, equalize } from './volume-resample';
import { type Vec3, add, norm, normalize, scale, sub } from './vector-math';
import { type VoxelArray, type VoxelType, allocateVoxels } from './voxel-types';

export async function assembleVolumes(files: readonly Uint8Array[]): Promise<Volume[]> {
  const datasets: Array<DicomDataset | undefined> = [];
  const frames: FrameHeader[] = [];
  let skipped = 0;
  const unreadable: AppError[] = [];
  files.forEach((bytes, index) => {
    let dataset: DicomDataset;
    try {
      dataset = readDataset(bytes);
    } catch (error) {
      // A broken file costs its slice (reported as a gap), not the whole series.
      if (error instanceof AppError) return void unreadable.push(error);
      throw error;
    }
    datasets[index] = dataset;
    const headers = readFrameHeaders(dataset, index);
    const isImage = headers[0] && headers[0].rows > 0 && headers[0].columns > 0 && hasPixelData(dataset);
    if (isImage) frames.push(...headers);
    else skipped++;
  });
  if (frames.length === 0) {
    throw unreadable[0] ?? new AppError('NOT_A_VOLUME', 'None of the files holds an image, so there is no volume to build.');
  }
  const skippedNote = [
    ...(skipped > 0 ? [`${skipped} file(s) without image data (e.g. presentation states) were left out`] : []),
    ...unreadable.map((e) => `a file could not be read and was left out (${e.code}: ${e.message})`),
  ];
  // Each parsed file holds a copy of its pixel data: drop it once its last frame is copied, so
  // peak memory stays near one copy of the series plus the volume.
  const framesLeft = new Map<number, number>();
  for (const f of frames) framesLeft.set(f.source, (framesLeft.get(f.source) ?? 0) + 1);
  const release = (source: number) => {
    const left = (framesLeft.get(source) ?? 1) - 1;
    framesLeft.set(source, left);
    if (left === 0) datasets[source] = undefined;
  };
  const volumes: Volume[] = [];
  const refused: AppError[] = [];
  for (const group of groupFrames(frames)) {
    try {
      const stack = buildSliceStack(group.frames);
      const volume = await buildVolume(stack, datasets, files, release);
      volume.label = group.label;
      volume.warnings = [...group.warnings, ...stack.warnings, ...volume.warnings, ...skippedNote];
      volumes.push(volume);
    } catch (error) {
      // One unplaceable group (a localizer without geometry) must not hide the good volumes.
      if (error instanceof AppError && error.code === 'NOT_A_VOLUME') refused.push(error);
      else throw error;
    }
  }
  if (volumes.length === 0) throw refused[0] as AppError;
  for (const error of refused) {
    for (const volume of volumes) volume.warnings.push(`some images of the series form no volume and were left out: ${error.message}`);
  }
  return volumes;
}

function hasPixelData(dataset: DicomDataset): boolean {
  return ['7FE00010', '7FE00008', '7FE00009'].some((tag) => dataset.dict[tag] !== undefined);
}

async function buildVolume(
  stack: SliceStack,
  datasets: ReadonlyArray<DicomDataset | undefined>,
  files: readonly Uint8Array[],
  release: (source: number) => void,
): Promise<Volume> {
  const first = stack.frames[0] as FrameHeader;
  const columns = first.columns;
  const rows = first.rows;
  const plane = columns * rows;
  const warnings: string[] = [];
  const types = new Set(stack.frames.map(frameVoxelType));
  const slopes = new Set(stack.frames.map((f) => `${f.rescaleSlope}/${f.rescaleIntercept}`));
  // One slope per volume keeps native voxels; frames that disagree are stored rescaled as float32.
  const applyRescale = types.size > 1 || slopes.size > 1;
  if (applyRescale) warnings.push('frames differ in data type or rescale: voxels are stored as rescaled float32 values');
  const type: VoxelType = applyRescale ? 'float32' : (types.values().next().value as VoxelType);
  let voxels: VoxelArray = allocateVoxels(type, plane * stack.frames.length);
  for (const [k, f] of stack.frames.entries()) {
    const dataset = datasets[f.source];
    if (!dataset) throw new AppError('INTERNAL', 'A frame was read after its file was released.');
    const pixels = await readFramePixels(dataset, f, files[f.source] as Uint8Array);
    release(f.source);
    if (pixels.length !== plane) throw new AppError('NOT_A_VOLUME', 'The images of one volume differ in matrix size.');
    if (!applyRescale) voxels.set(pixels, k * plane);
    else for (let v = 0; v < plane; v++) voxels[k * plane + v] = (pixels[v] as number) * f.rescaleSlope + f.rescaleIntercept;
  }

  const [rowSpacing, columnSpacing] = first.pixelSpacing as readonly [number, number];
  let origin = first.position as Vec3;
  let outColumns = columns;
  let outRows = rows;
  let sliceDirection: Vec3 = stack.normal;
  let sliceSpacing: number;
  let slices = stack.frames.length;
  const resampled = slices >= 3 && (stack.tilted || !stack.uniform);
  if (resampled) {
    if (stack.tilted) {
      warnings.push(
        `gantry tilt ${stack.tiltDegrees.toFixed(1)}°: slices were resampled onto a grid stacked along the slice normal (as dcm2niix does); voxel values are interpolated`,
      );
      const sheared = deshear(stack, voxels, type, columns, rows);
      voxels = sheared.voxels;
      outColumns = sheared.columns;
      outRows = sheared.rows;
      const [offC, offR] = sheared.originOffset;
      origin = add(origin, add(scale(stack.row, offC * columnSpacing), scale(stack.column, offR * rowSpacing)));
    }
    const last = stack.distances[slices - 1] as number;
    if (stack.uniform) {
      sliceSpacing = last / (slices - 1);
    } else {
      const target = equalSpacing(stack.distances);
      voxels = equalize(voxels, type, outColumns * outRows, stack.distances, target.slices, target.spacing);
      slices = target.slices;
      sliceSpacing = target.spacing;
      warnings.push(`slices were interpolated to an even ${sliceSpacing.toFixed(2)} mm spacing (${slices} slices)`);
    }
  } else if (slices > 1 && stack.regularWithinRounding) {
    // Regular within the rounding of its positions: dcm2niix's grid, the first gap along the normal.
    sliceSpacing = stack.distances[1] as number;
  } else if (slices > 1) {
    // The first-to-last vector keeps both end slices exactly where the scanner put them.
    const step = scale(sub((stack.frames[slices - 1] as FrameHeader).position as Vec3, origin), 1 / (slices - 1));
    sliceSpacing = norm(step);
    sliceDirection = normalize(step);
    if (stack.tilted) {
      warnings.push(`gantry tilt ${stack.tiltDegrees.toFixed(1)}°: too few slices to resample; the slice direction is sheared, not the normal`);
    }
  } else {
    sliceSpacing = first.sliceThickness ?? first.spacingBetweenSlices ?? 1;
  }
  const { min, max } = range(voxels);
  return {
    seriesInstanceUID: first.seriesInstanceUID,
    frameOfReferenceUID: first.frameOfReferenceUID,
    label: '',
    dimensions: [outColumns, outRows, slices],
    spacing: [columnSpacing, rowSpacing, sliceSpacing],
    origin,
    direction: [stack.row, stack.column, sliceDirection],
    voxelType: type,
    voxels,
    rescaleSlope: applyRescale ? 1 : first.rescaleSlope,
    rescaleIntercept: applyRescale ? 0 : first.rescaleIntercept,
    min,
    max,
    resampled,
    diffusion: first.diffusion,
    warnings,
  };
}

function range(voxels: VoxelArray): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < voxels.length; i++) {
    const v = voxels[i] as number;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}
