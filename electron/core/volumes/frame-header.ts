// One image frame's geometry and 4-D keys, from a classic image (one frame per instance) or an
// enhanced multi-frame object (PS3.3 C.7.6.16 Multi-frame Functional Groups: per-frame items
// override the shared ones).
import { type DicomDict, type DicomDataset, item, number, numbers, sequence, text } from './dicom-dataset';
import { type Diffusion, readDiffusion } from './diffusion-tags';
import { type Vec3, toVec3 } from './vector-math';

export interface FrameHeader {
  /** Index of the instance in the caller's list, and frame within it (0-based). */
  source: number;
  frame: number;
  seriesInstanceUID: string;
  frameOfReferenceUID: string;
  instanceNumber: number | null;
  modality: string;
  manufacturer: string;
  rows: number;
  columns: number;
  position: Vec3 | null;
  /** Row direction (along a row, increasing column) then column direction (increasing row). */
  orientation: readonly [Vec3, Vec3] | null;
  /** PixelSpacing (0028,0030): [between rows, between columns] in mm. */
  pixelSpacing: readonly [number, number] | null;
  sliceThickness: number | null;
  spacingBetweenSlices: number | null;
  rescaleSlope: number;
  rescaleIntercept: number;
  bitsAllocated: number;
  pixelRepresentation: number;
  samplesPerPixel: number;
  floatPixels: boolean;
  diffusion: Diffusion | null;
  echoTime: number | null;
  echoNumber: number | null;
  triggerTime: number | null;
  temporalPosition: number | null;
  /** Frame Content (0020,9157) Dimension Index Values, enhanced objects only. */
  dimensionIndex: readonly number[] | null;
  gantryTilt: number | null;
}

const PER_FRAME = '52009230';
const SHARED = '52009229';

export function readFrameHeaders(dataset: DicomDataset, source: number): FrameHeader[] {
  const dict = dataset.dict;
  const perFrame = sequence(dict, PER_FRAME);
  const shared = item(dict, SHARED);
  const frames = Math.max(1, number(dict, '00280008') ?? 1);
  const out: FrameHeader[] = [];
  for (let frame = 0; frame < frames; frame++) {
    out.push(readOne(dict, source, frame, perFrame[frame], shared));
  }
  return out;
}

/** A functional-group macro from the frame's own item, else the shared one (PS3.3 C.7.6.16.1). */
function group(perFrame: DicomDict | undefined, shared: DicomDict | undefined, tag: string): DicomDict | undefined {
  return item(perFrame, tag) ?? item(shared, tag);
}

function readOne(dict: DicomDict, source: number, frame: number, perFrame?: DicomDict, shared?: DicomDict): FrameHeader {
  const planePosition = group(perFrame, shared, '00209113');
  const planeOrientation = group(perFrame, shared, '00209116');
  const pixelMeasures = group(perFrame, shared, '00289110');
  const transform = group(perFrame, shared, '00289145');
  const frameContent = group(perFrame, shared, '00209111');
  const echo = group(perFrame, shared, '00189114');
  const cardiac = group(perFrame, shared, '00189118');
  const geometrySource = (macro: DicomDict | undefined) => macro ?? dict;

  const iop = numbers(geometrySource(planeOrientation), '00200037');
  const row = toVec3(iop, 0);
  const column = toVec3(iop, 3);
  const spacing = numbers(geometrySource(pixelMeasures), '00280030');
  const bitsAllocated = number(dict, '00280100') ?? 16;
  const floatPixels = dict['7FE00008'] !== undefined || dict['7FE00009'] !== undefined;
  const diffusion = readDiffusion(dict, group(perFrame, shared, '00189117'));
  return {
    source,
    frame,
    seriesInstanceUID: text(dict, '0020000E'),
    frameOfReferenceUID: text(dict, '00200052'),
    instanceNumber: number(dict, '00200013'),
    modality: text(dict, '00080060'),
    manufacturer: text(dict, '00080070'),
    rows: number(dict, '00280010') ?? 0,
    columns: number(dict, '00280011') ?? 0,
    position: toVec3(numbers(geometrySource(planePosition), '00200032')),
    orientation: row && column ? [row, column] : null,
    pixelSpacing: spacing.length >= 2 ? [spacing[0] as number, spacing[1] as number] : null,
    sliceThickness: number(geometrySource(pixelMeasures), '00180050'),
    spacingBetweenSlices: number(geometrySource(pixelMeasures), '00180088'),
    rescaleSlope: number(geometrySource(transform), '00281053') ?? 1,
    rescaleIntercept: number(geometrySource(transform), '00281052') ?? 0,
    bitsAllocated,
    pixelRepresentation: number(dict, '00280103') ?? 0,
    samplesPerPixel: number(dict, '00280002') ?? 1,
    floatPixels,
    diffusion,
    echoTime: number(echo ?? dict, echo ? '00189082' : '00180081'),
    echoNumber: echo ? null : number(dict, '00180086'),
    triggerTime: number(cardiac ?? dict, cardiac ? '00209153' : '00181060'),
    temporalPosition: frameContent ? number(frameContent, '00209128') : number(dict, '00200100'),
    dimensionIndex: frameContent ? numbers(frameContent, '00209157') : null,
    gantryTilt: number(dict, '00181120'),
  };
}
