// One 2-D image of a series as the image-2d pipeline sees it: monochrome modality values
// (Modality LUT applied, PS3.3 C.11.1), how to show them (VOI windows / LUT, photometric
// interpretation) and where its pixels lie in the patient, when the object says so. Radiographs
// (CR, PS3.3 A.2) have no Image Plane module, so they form no volume: they are read here, image
// by image, from the managed store (paths derive from content hashes, never from DICOM values).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../../shared/result';
import type { LookupTable, WindowPreset } from '../../../pixels/decoded-pixels';
import { numbers, text } from '../../../pixels/pixel-dataset';
import { parseForPixels, readPixelsFromDataset } from '../../../pixels/read-pixels';
import type { Database } from '../../../store/database';
import { storeRelativePath } from '../../../store/managed-store';
import { seriesFileHashes } from '../../../volumes/series-volumes';
import type { Vec3 } from '../../../volumes/vector-math';

export interface RadiographImage {
  sopInstanceUID: string;
  modality: string;
  rows: number;
  columns: number;
  /** Modality values, row by row (column fastest). */
  values: Float32Array;
  /** MONOCHROME1 (minimum shown white) or MONOCHROME2. */
  photometricInterpretation: 'MONOCHROME1' | 'MONOCHROME2';
  /**
   * Low values are shown white: MONOCHROME1, or MONOCHROME2 with Presentation LUT Shape INVERSE
   * (2050,0020; PS3.3 C.11.6.1.2), which some DX objects use instead. Both together cancel out.
   */
  shownInverted: boolean;
  windows: WindowPreset[];
  /** VOI LUT Sequence (0028,3010), applied to modality values when present (PS3.3 C.11.2.1.1). */
  voiLut: LookupTable | null;
  /** Image Position / Orientation (Patient) and Pixel Spacing: all three, or null (no patient geometry). */
  geometry: { position: Vec3; rowDirection: Vec3; columnDirection: Vec3; pixelSpacing: readonly [number, number] } | null;
  /**
   * Spacing in mm between pixel centres [between rows, between columns] when known without a
   * patient position: Pixel Spacing, else Imager Pixel Spacing (at the detector, PS3.3 C.8.11.4:
   * not corrected for magnification).
   */
  spacingMm: readonly [number, number] | null;
  spacingSource: 'PixelSpacing' | 'ImagerPixelSpacing' | null;
}

const vec3 = (v: number[], at: number): Vec3 | null => {
  const [x, y, z] = v.slice(at, at + 3);
  return x !== undefined && y !== undefined && z !== undefined ? [x, y, z] : null;
};

const pair = (v: number[]): readonly [number, number] | null => {
  const [a, b] = v;
  return a !== undefined && b !== undefined && a > 0 && b > 0 ? [a, b] : null;
};

/** Decodes one stored DICOM image into a RadiographImage (first frame of a multi-frame object). */
export async function readRadiographImage(bytes: Uint8Array): Promise<RadiographImage> {
  const dataset = parseForPixels(bytes);
  const pixels = await readPixelsFromDataset(dataset, { frame: 0, modalityLut: true }, bytes);
  const photometric = pixels.photometricInterpretation;
  if (pixels.samplesPerPixel !== 1 || (photometric !== 'MONOCHROME1' && photometric !== 'MONOCHROME2')) {
    throw new AppError('NOT_A_VOLUME', `This image is ${photometric} colour, not a greyscale radiograph; 2-D radiograph models read MONOCHROME1/2 images only.`);
  }
  const dict = dataset.dict;
  const values = Float32Array.from(pixels.data);
  const iop = numbers(dict, '00200037');
  const position = vec3(numbers(dict, '00200032'), 0);
  const rowDirection = vec3(iop, 0);
  const columnDirection = vec3(iop, 3);
  const pixelSpacing = pair(numbers(dict, '00280030'));
  const imagerSpacing = pair(numbers(dict, '00181164'));
  return {
    sopInstanceUID: text(dict, '00080018'),
    modality: text(dict, '00080060'),
    rows: pixels.rows,
    columns: pixels.columns,
    values,
    photometricInterpretation: photometric,
    shownInverted: (photometric === 'MONOCHROME1') !== (text(dict, '20500020').toUpperCase() === 'INVERSE'),
    windows: pixels.windows,
    voiLut: pixels.voiLut?.[0] ?? null,
    geometry: position && rowDirection && columnDirection && pixelSpacing ? { position, rowDirection, columnDirection, pixelSpacing } : null,
    spacingMm: pixelSpacing ?? imagerSpacing,
    spacingSource: pixelSpacing ? 'PixelSpacing' : imagerSpacing ? 'ImagerPixelSpacing' : null,
  };
}

/** The images of a stored series, in instance order. */
export async function loadSeriesImages(source: { db: Database; storeDir: string }, seriesInstanceUID: string): Promise<RadiographImage[]> {
  const hashes = seriesFileHashes(source.db, seriesInstanceUID);
  if (hashes.length === 0) throw new AppError('NOT_FOUND', 'No series with this Series Instance UID is in the data folder; import it first (yingdu import PATH).');
  const images: RadiographImage[] = [];
  for (const hash of hashes) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(path.join(source.storeDir, storeRelativePath(hash))));
    } catch {
      throw new AppError('IO_ERROR', 'A stored file of this series is missing or unreadable; check the data folder, then import the series again.');
    }
    images.push(await readRadiographImage(bytes));
  }
  return images;
}
