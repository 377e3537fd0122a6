// Masks on the real A0002 chest CT for SEG tests: air inside the body (HU < −400 on rows 150–400,
// from the real pixels), a box that overlaps it, and an empty segment.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readValidatedDataset } from '../../../../electron/core/dicom/dcmjs-dataset';
import { type NaturalDataset, naturalize } from '../../../../electron/core/dicom-objects/natural-dataset';
import type { SegmentInput } from '../../../../electron/core/dicom-objects/seg-writer';
import { sharedData } from '../../../support/shared-data';

export const CT_SERIES = sharedData('ct-chest-lung-pet-ct-dx', 'A0002', 'series-B70f');

export function loadSources(): NaturalDataset[] {
  return readdirSync(CT_SERIES)
    .filter((n) => n.endsWith('.dcm'))
    .sort()
    .map((n) => naturalize(readValidatedDataset(readFileSync(path.join(CT_SERIES, n))).dict));
}

export function fixtureSegments(sources: NaturalDataset[]): SegmentInput[] {
  const rows = 512;
  const cols = 512;
  const n = sources.length;
  const air = new Uint8Array(n * rows * cols);
  const box = new Uint8Array(n * rows * cols);
  sources.forEach((d, s) => {
    const pixels = new Uint16Array((d.PixelData as ArrayBuffer[])[0]!);
    const slope = Number(d.RescaleSlope ?? 1);
    const intercept = Number(d.RescaleIntercept ?? 0);
    for (let r = 150; r < 400; r += 1) {
      for (let c = 60; c < 450; c += 1) {
        const i = r * cols + c;
        if (pixels[i]! * slope + intercept < -400) air[s * rows * cols + i] = 1;
        if (s >= 10 && s < 14 && r >= 200 && r < 240 && c >= 100 && c < 160) box[s * rows * cols + i] = 1;
      }
    }
  });
  const ai = { type: 'AUTOMATIC' as const, name: 'lung-nodule-cad', version: '1.2.0' };
  return [
    { label: 'Air in the body', algorithm: ai, color: [0, 160, 255], mask: air },
    { label: 'Nodule 1', algorithm: ai, color: [255, 64, 0], mask: box },
    { label: 'Empty structure', algorithm: ai, color: [0, 255, 0], mask: new Uint8Array(n * rows * cols) },
  ];
}
