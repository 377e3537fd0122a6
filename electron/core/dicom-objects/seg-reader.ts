// Reads a DICOM Segmentation (ours or another tool's: binary or fractional, PS3.3 C.8.20) into
// one mask per segment on the segmentation's own voxel grid, with who made each segment
// (Segment Algorithm Name, Segmentation Algorithm Identification version, equipment).
// Frames are placed by Image Position (Patient) along the slice normal, so sparse SEGs (frames only
// where a segment exists) and overlapping segments come back exactly as written.
import { AppError } from '../../shared/result';
import { readValidatedDataset } from '../dicom/dcmjs-dataset';
import { type NaturalDataset, naturalize } from './natural-dataset';
import { SEGMENTATION_STORAGE } from './seg-writer';

export interface SegmentInfo {
  number: number;
  label: string;
  algorithmType: string;
  algorithmName?: string;
  algorithmVersion?: string;
  voxelCount: number;
}

export interface SegmentGrid {
  /** Columns, rows, slices. */
  dims: [number, number, number];
  /** Column spacing, row spacing, slice spacing (mm). */
  spacing: [number, number, number];
  /** Patient position (LPS) of voxel (0,0,0). */
  origin: [number, number, number];
  /** Unit vectors (LPS) of increasing column, row, slice index. */
  directions: [[number, number, number], [number, number, number], [number, number, number]];
}

export interface SegmentationObject {
  sopInstanceUID: string;
  seriesInstanceUID: string;
  studyInstanceUID: string;
  frameOfReferenceUID: string;
  /** The series the segmentation was drawn on (Referenced Series Sequence), when it says. */
  referencedSeriesUID?: string;
  manufacturer: string;
  softwareVersions: string;
  segments: SegmentInfo[];
  grid: SegmentGrid;
  /** Segment number → mask (1 inside), i = column fastest, then row, then slice. */
  masks: Map<number, Uint8Array>;
}

type Vec3 = [number, number, number];
const first = <T>(list: unknown): T | undefined => (Array.isArray(list) ? (list[0] as T) : undefined);
const text = (value: unknown) => (Array.isArray(value) ? value.join('\\') : value === undefined ? '' : String(value));

export function readSegmentation(bytes: Uint8Array): SegmentationObject {
  const { instance, dict } = readValidatedDataset(bytes);
  if (instance.sopClassUID !== SEGMENTATION_STORAGE) throw new AppError('INVALID_ARGUMENT', 'The file is not a DICOM Segmentation (SOP Class 1.2.840.10008.5.1.4.1.1.66.4).');
  if (!['1.2.840.10008.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.1.99'].includes(instance.transferSyntaxUID)) {
    throw new AppError('UNSUPPORTED_TRANSFER_SYNTAX', 'Compressed segmentations are not read yet; ask the sender for an uncompressed (little endian) SEG.');
  }
  const ds = naturalize(dict);
  const rows = Number(ds.Rows);
  const cols = Number(ds.Columns);
  const frames = Number(ds.NumberOfFrames ?? 1);
  const shared = first<NaturalDataset>(ds.SharedFunctionalGroupsSequence) ?? {};
  const perFrame = (ds.PerFrameFunctionalGroupsSequence as NaturalDataset[] | undefined) ?? [];
  const group = (i: number, name: string) => first<NaturalDataset>(perFrame[i]?.[name]) ?? first<NaturalDataset>(shared[name]);
  const iop = ((group(0, 'PlaneOrientationSequence')?.ImageOrientationPatient as number[] | undefined) ?? []).map(Number);
  const measures = group(0, 'PixelMeasuresSequence');
  const pixelSpacing = ((measures?.PixelSpacing as number[] | undefined) ?? []).map(Number);
  if (iop.length !== 6 || pixelSpacing.length !== 2) throw new AppError('NOT_A_VOLUME', 'The segmentation has no plane orientation or pixel spacing; it cannot be placed in the patient.');
  const rowDir: Vec3 = [iop[0]!, iop[1]!, iop[2]!];
  const colDir: Vec3 = [iop[3]!, iop[4]!, iop[5]!];
  const normal: Vec3 = [rowDir[1] * colDir[2] - rowDir[2] * colDir[1], rowDir[2] * colDir[0] - rowDir[0] * colDir[2], rowDir[0] * colDir[1] - rowDir[1] * colDir[0]];
  const dot = (a: readonly number[], b: Vec3) => a[0]! * b[0] + a[1]! * b[1] + a[2]! * b[2];

  const placed = perFrame.map((_, i) => {
    const position = ((group(i, 'PlanePositionSequence')?.ImagePositionPatient as number[] | undefined) ?? []).map(Number);
    const segment = Number(group(i, 'SegmentIdentificationSequence')?.ReferencedSegmentNumber ?? 1);
    return { position, segment, along: position.length === 3 ? dot(position, normal) : Number.NaN };
  });
  if (placed.length !== frames || placed.some((p) => Number.isNaN(p.along))) {
    throw new AppError('NOT_A_VOLUME', 'Some segmentation frames have no Image Position (Patient); they cannot be placed in the patient.');
  }
  const alongs = [...new Set(placed.map((p) => Math.round(p.along * 1000) / 1000))].sort((a, b) => a - b);
  const gaps = alongs.slice(1).map((a, i) => a - alongs[i]!).filter((g) => g > 1e-3);
  const declared = Number(measures?.SpacingBetweenSlices ?? measures?.SliceThickness ?? Number.NaN);
  const sliceSpacing = gaps.length > 0 ? Math.min(...gaps) : Number.isFinite(declared) && declared > 0 ? declared : 1;
  const lowest = placed.reduce((best, p) => (p.along < best.along ? p : best), placed[0]!);
  const slices = Math.round(((alongs.at(-1) ?? 0) - (alongs[0] ?? 0)) / sliceSpacing) + 1;

  const bits = Number(ds.BitsAllocated);
  const fractional = ds.SegmentationType === 'FRACTIONAL';
  const maxFraction = Number(ds.MaximumFractionalValue ?? 255);
  const pixelData = new Uint8Array((first<ArrayBuffer>(ds.PixelData) ?? new ArrayBuffer(0)) as ArrayBuffer);
  const perSlice = rows * cols;
  const masks = new Map<number, Uint8Array>();
  placed.forEach((frame, f) => {
    const slice = Math.round((frame.along - lowest.along) / sliceSpacing);
    let mask = masks.get(frame.segment);
    if (!mask) masks.set(frame.segment, (mask = new Uint8Array(perSlice * slices)));
    const base = slice * perSlice;
    for (let i = 0; i < perSlice; i += 1) {
      const at = f * perSlice + i;
      const on = bits === 1 ? ((pixelData[at >> 3] ?? 0) >> (at & 7)) & 1 : fractional ? (pixelData[at] ?? 0) / maxFraction >= 0.5 : (pixelData[at] ?? 0) > 0;
      if (on) mask[base + i] = 1;
    }
  });

  const segments = ((ds.SegmentSequence as NaturalDataset[] | undefined) ?? []).map((item) => {
    const number = Number(item.SegmentNumber);
    const identification = first<NaturalDataset>(item.SegmentationAlgorithmIdentificationSequence);
    const mask = masks.get(number);
    return {
      number,
      label: text(item.SegmentLabel),
      algorithmType: text(item.SegmentAlgorithmType),
      ...(item.SegmentAlgorithmName !== undefined || identification?.AlgorithmName !== undefined
        ? { algorithmName: text(item.SegmentAlgorithmName ?? identification?.AlgorithmName) }
        : {}),
      ...(identification?.AlgorithmVersion !== undefined ? { algorithmVersion: text(identification.AlgorithmVersion) } : {}),
      voxelCount: mask ? mask.reduce((n, v) => n + v, 0) : 0,
    };
  });
  const referenced = first<NaturalDataset>(ds.ReferencedSeriesSequence);
  return {
    sopInstanceUID: text(ds.SOPInstanceUID),
    seriesInstanceUID: text(ds.SeriesInstanceUID),
    studyInstanceUID: text(ds.StudyInstanceUID),
    frameOfReferenceUID: text(ds.FrameOfReferenceUID),
    ...(referenced?.SeriesInstanceUID ? { referencedSeriesUID: text(referenced.SeriesInstanceUID) } : {}),
    manufacturer: text(ds.Manufacturer),
    softwareVersions: text(ds.SoftwareVersions),
    segments,
    grid: {
      dims: [cols, rows, slices],
      spacing: [pixelSpacing[1]!, pixelSpacing[0]!, sliceSpacing],
      origin: [lowest.position[0]!, lowest.position[1]!, lowest.position[2]!],
      directions: [rowDir, colDir, normal],
    },
    masks,
  };
}
