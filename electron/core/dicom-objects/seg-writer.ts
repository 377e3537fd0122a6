// DICOM Segmentation (binary), PS3.3 A.51 / C.8.20, from masks on the grid of a single-frame source
// series. One frame per (segment, source slice) that holds any voxel of the segment, so segments
// may overlap freely. An empty segment keeps its Segment Sequence item and gets exactly one
// all-zero frame: the item says "this structure was looked for and not found", and a segment no
// frame references is an error for readers and validators (the frames are what index segments).
import { AppError } from '../../shared/result';
import { rgbToDicomLab } from './cielab';
import { code, type Code, denaturalize, type NaturalDataset, newDerivedInstance, newUid } from './natural-dataset';
import { fileMeta, writePart10 } from './part10-writer';

export const SEGMENTATION_STORAGE = '1.2.840.10008.5.1.4.1.1.66.4';
const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

export interface SegmentAlgorithm {
  type: 'AUTOMATIC' | 'SEMIAUTOMATIC' | 'MANUAL';
  /** Segment Algorithm Name (0062,0009): the model id for AI output. */
  name: string;
  version: string;
}

export interface SegmentInput {
  label: string;
  /** Segment Description (0062,0006): how the mask was made, in words. */
  description?: string;
  /** Segmented Property Category / Type (CID 7150 / 7151); defaults: Morphologically Altered Structure / Lesion. */
  category?: Code;
  type?: Code;
  color?: readonly [number, number, number];
  /** Absent for MANUAL segments drawn by a physician. */
  algorithm: SegmentAlgorithm;
  /** One byte per voxel, non-zero = inside; laid out as `sources` are given: source s, row r, column c at s·rows·cols + r·cols + c. */
  mask: Uint8Array;
}

export interface SegmentationInput {
  /** The source series, one naturalized single-frame image dataset per slice, in any order. */
  sources: NaturalDataset[];
  segments: SegmentInput[];
  seriesDescription: string;
  seriesNumber?: number;
  /** Content Creator's Name (Type 2): the physician for edited masks, empty for AI output. */
  creatorName?: string;
  softwareVersion: string;
  now?: Date;
}

export interface WrittenObject {
  bytes: Uint8Array;
  sopInstanceUID: string;
  seriesInstanceUID: string;
  /** Things a reader of the export should know (empty segments). */
  notes: string[];
}

const LESION = code('52988006', 'SCT', 'Lesion');
const ALTERED = code('49755003', 'SCT', 'Morphologically Altered Structure');

export function writeSegmentation(input: SegmentationInput): WrittenObject {
  const first = input.sources[0];
  if (!first) throw new AppError('INVALID_ARGUMENT', 'A segmentation needs the source series it was drawn on; none was given.');
  const rows = Number(first.Rows);
  const cols = Number(first.Columns);
  const iop = (first.ImageOrientationPatient as number[] | undefined)?.map(Number);
  if (!iop || iop.length !== 6) throw new AppError('NOT_A_VOLUME', 'The source images have no Image Orientation (Patient); a segmentation cannot be placed on them.');
  const normal = [iop[1]! * iop[5]! - iop[2]! * iop[4]!, iop[2]! * iop[3]! - iop[0]! * iop[5]!, iop[0]! * iop[4]! - iop[1]! * iop[3]!];
  const position = (d: NaturalDataset) => (d.ImagePositionPatient as number[]).map(Number);
  const order = input.sources
    .map((d, index) => ({ d, index, along: position(d).reduce((s, v, k) => s + v * normal[k]!, 0) }))
    .sort((a, b) => a.along - b.along);
  const voxelsPerSlice = rows * cols;
  for (const segment of input.segments) {
    if (segment.mask.length !== voxelsPerSlice * input.sources.length) {
      throw new AppError('INVALID_ARGUMENT', `Segment "${segment.label}" has ${segment.mask.length} voxels; the source series has ${voxelsPerSlice * input.sources.length}.`);
    }
  }

  const notes: string[] = [];
  const frames: Array<{ segment: number; slice: number; bits: Uint8Array }> = [];
  input.segments.forEach((segment, s) => {
    let any = false;
    order.forEach(({ index }, slice) => {
      const bits = segment.mask.subarray(index * voxelsPerSlice, (index + 1) * voxelsPerSlice);
      if (bits.some((v) => v !== 0)) {
        frames.push({ segment: s + 1, slice, bits });
        any = true;
      }
    });
    if (!any) {
      frames.push({ segment: s + 1, slice: 0, bits: new Uint8Array(voxelsPerSlice) });
      notes.push(`Segment ${s + 1} "${segment.label}" is empty: it is kept with one all-zero frame.`);
    }
  });

  const spacing = (first.PixelSpacing as number[]).map(Number);
  const gaps = order.slice(1).map((o, i) => o.along - order[i]!.along);
  const between = gaps.length > 0 ? gaps.reduce((a, b) => a + b, 0) / gaps.length : Number(first.SliceThickness ?? 1);
  const { header, sopInstanceUID, seriesInstanceUID } = newDerivedInstance(first, {
    sopClassUID: SEGMENTATION_STORAGE,
    modality: 'SEG',
    seriesNumber: input.seriesNumber ?? 900,
    softwareVersion: input.softwareVersion,
    now: input.now,
  });
  const dimensionUID = newUid();
  const sourceRef = (d: NaturalDataset) => ({ ReferencedSOPClassUID: d.SOPClassUID, ReferencedSOPInstanceUID: d.SOPInstanceUID });

  const dataset: NaturalDataset = {
    // Patient, General Study, Frame of Reference: the source's, so the SEG files with its study.
    ...header,
    FrameOfReferenceUID: first.FrameOfReferenceUID,
    PositionReferenceIndicator: first.PositionReferenceIndicator ?? '',
    // Segmentation Series.
    SeriesDescription: input.seriesDescription.slice(0, 64),
    // Enhanced General Equipment (C.7.5.2).
    ManufacturerModelName: 'Yingdu workstation',
    DeviceSerialNumber: '0',
    // General Image, Segmentation Image (C.8.20.2), Content Identification.
    ImageType: ['DERIVED', 'PRIMARY'],
    ContentLabel: 'SEGMENTATION',
    ContentDescription: input.seriesDescription.slice(0, 64),
    ContentCreatorName: input.creatorName ?? '',
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    PixelRepresentation: 0,
    BitsAllocated: 1,
    BitsStored: 1,
    HighBit: 0,
    LossyImageCompression: '00',
    SegmentationType: 'BINARY',
    SegmentSequence: input.segments.map((segment, i) => ({
      SegmentNumber: i + 1,
      SegmentLabel: segment.label.slice(0, 64),
      ...(segment.description ? { SegmentDescription: segment.description.slice(0, 1024) } : {}),
      SegmentedPropertyCategoryCodeSequence: [segment.category ?? ALTERED],
      SegmentedPropertyTypeCodeSequence: [segment.type ?? LESION],
      SegmentAlgorithmType: segment.algorithm.type,
      ...(segment.algorithm.type === 'MANUAL'
        ? {}
        : {
            SegmentAlgorithmName: segment.algorithm.name.slice(0, 64),
            // PS3.3 C.8.20.2 Segmentation Algorithm Identification (family, name, version).
            SegmentationAlgorithmIdentificationSequence: [
              {
                AlgorithmFamilyCodeSequence: [code('123110', 'DCM', 'Artificial Intelligence')],
                AlgorithmName: segment.algorithm.name.slice(0, 64),
                AlgorithmVersion: segment.algorithm.version.slice(0, 64),
              },
            ],
          }),
      ...(segment.color ? { RecommendedDisplayCIELabValue: rgbToDicomLab(segment.color) } : {}),
    })),
    // Multi-frame Functional Groups and Dimensions (C.7.6.16, C.7.6.17).
    NumberOfFrames: frames.length,
    Rows: rows,
    Columns: cols,
    DimensionOrganizationSequence: [{ DimensionOrganizationUID: dimensionUID }],
    DimensionIndexSequence: [
      { DimensionOrganizationUID: dimensionUID, DimensionIndexPointer: 0x0062000b, FunctionalGroupPointer: 0x0062000a, DimensionDescriptionLabel: 'Segment Number' },
      { DimensionOrganizationUID: dimensionUID, DimensionIndexPointer: 0x00200032, FunctionalGroupPointer: 0x00209113, DimensionDescriptionLabel: 'Image Position (Patient)' },
    ],
    SharedFunctionalGroupsSequence: [
      {
        PlaneOrientationSequence: [{ ImageOrientationPatient: iop }],
        PixelMeasuresSequence: [{ PixelSpacing: spacing, SliceThickness: Math.abs(between), SpacingBetweenSlices: Math.abs(between) }],
      },
    ],
    PerFrameFunctionalGroupsSequence: frames.map((f) => {
      const source = order[f.slice]!.d;
      return {
        DerivationImageSequence: [
          {
            SourceImageSequence: [{ ...sourceRef(source), PurposeOfReferenceCodeSequence: [code('121322', 'DCM', 'Source image for image processing operation')] }],
            DerivationCodeSequence: [code('113076', 'DCM', 'Segmentation')],
          },
        ],
        FrameContentSequence: [{ DimensionIndexValues: [f.segment, f.slice + 1] }],
        PlanePositionSequence: [{ ImagePositionPatient: position(source) }],
        SegmentIdentificationSequence: [{ ReferencedSegmentNumber: f.segment }],
      };
    }),
    // Common Instance Reference (C.12.2): every source the frames derive from.
    ReferencedSeriesSequence: [{ SeriesInstanceUID: first.SeriesInstanceUID, ReferencedInstanceSequence: order.map(({ d }) => sourceRef(d)) }],
    PixelData: [packBits(frames.map((f) => f.bits)).buffer],
    _vrMap: { PixelData: 'OB' },
  };
  const dict = denaturalize(dataset);
  return { bytes: writePart10(fileMeta(SEGMENTATION_STORAGE, sopInstanceUID, EXPLICIT_VR_LITTLE_ENDIAN), dict), sopInstanceUID, seriesInstanceUID, notes };
}

/** Binary frames packed as PS3.5 §8.1.1 says for Bits Allocated 1: LSB first, frames back to back, padded to even length. */
function packBits(frames: Uint8Array[]): Uint8Array {
  const total = frames.reduce((n, f) => n + f.length, 0);
  const bytes = new Uint8Array(Math.ceil(Math.ceil(total / 8) / 2) * 2);
  let bit = 0;
  for (const frame of frames) {
    for (let i = 0; i < frame.length; i += 1, bit += 1) {
      if (frame[i] !== 0) bytes[bit >> 3] = (bytes[bit >> 3] ?? 0) | (1 << (bit & 7));
    }
  }
  return bytes;
}
