// DICOM SEG: written from masks on the real A0002 CT (overlapping and empty segments) and checked
// by dciodvfy, dcmdump and pydicom; read back, and third-party SEGs (dcmqi, Slicer) read into
// per-segment masks whose voxel counts equal pydicom's, with their algorithm name and version.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSegmentation } from '../../../../electron/core/dicom-objects/seg-reader';
import { writeSegmentation } from '../../../../electron/core/dicom-objects/seg-writer';
import { segmentationAnalysis } from '../../../../electron/core/dicom-objects/segmentation-findings';
import { dcmdump, dciodvfy, runPydicom } from '../../../support/dicom-reference-tools';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../../../support/shared-data';
import { fixtureSegments, loadSources } from './seg-fixture';

/** Per segment number: voxels set over all its frames, and whether two segments share a voxel at one position. */
const PYDICOM_COUNTS = `
import sys, json, collections, pydicom, numpy as np
ds = pydicom.dcmread(sys.argv[1])
a = ds.pixel_array.reshape((int(ds.NumberOfFrames), ds.Rows, ds.Columns))
counts = collections.Counter(); at = collections.defaultdict(list)
for i, f in enumerate(ds.PerFrameFunctionalGroupsSequence):
    s = int(f.SegmentIdentificationSequence[0].ReferencedSegmentNumber)
    pos = tuple(round(float(v), 3) for v in f.PlanePositionSequence[0].ImagePositionPatient)
    counts[s] += int((a[i] > 0).sum()); at[pos].append(a[i] > 0)
overlap = any(np.logical_and.reduce([sum(m.astype(int) for m in ms) > 1]).any() for ms in at.values() if len(ms) > 1)
print(json.dumps({'counts': {str(k): v for k, v in counts.items()}, 'overlap': bool(overlap), 'frames': int(ds.NumberOfFrames)}))`;

const THIRD_PARTY = [
  { file: ['conformance', 'dcmqi', 'sr-example', 'seg.dcm'], model: { id: 'QIICR', version: '08a9a52' } },
  { file: ['conformance', 'dcmqi', 'segmentations', 'partial_overlaps.dcm'], model: null },
  { file: ['conformance', 'dcmqi', 'segmentations', 'liver.dcm'], model: { id: 'SlicerEditor', version: '0d533f1' } },
  { file: ['conformance', 'dcmqi', 'segmentations', '23x38x3', 'seg', 'label.seg'], model: { id: 'SlicerEditor', version: '9cd494f' } },
];

describe.skipIf(!HAS_SHARED)(`DICOM Segmentation${HAS_SHARED ? '' : ` (skipped: ${SHARED_MISSING_REASON})`}`, () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'yingdu-seg-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const sources = loadSources();
  const segments = fixtureSegments(sources);
  const written = writeSegmentation({ sources, segments, seriesDescription: 'AI lung CAD', softwareVersion: '0.1.0', now: new Date(2026, 0, 2, 3, 4, 5) });
  const file = path.join(work, 'seg.dcm');
  writeFileSync(file, written.bytes);
  const expectedCounts = segments.map((s) => s.mask.reduce((n, v) => n + (v ? 1 : 0), 0));

  it('passes dciodvfy with no error; the only warnings come from the source CT', () => {
    const report = dciodvfy(file);
    expect(report.errors, report.output).toEqual([]);
    // Both inherited from the TCIA source: a Patient's Name without "^" and an empty Study ID.
    for (const warning of report.warnings) expect(warning).toMatch(/PatientName\(0010,0010\).*Retired Person Name form|StudyID\(0020,0010\).*DICOMDIR/);
    expect(dcmdump(file, '-q').status).toBe(0);
  });

  it('holds every voxel of the overlapping segments and keeps the empty one with a single zero frame (pydicom)', () => {
    const py = JSON.parse(runPydicom(PYDICOM_COUNTS, file)) as { counts: Record<string, number>; overlap: boolean; frames: number };
    expect(expectedCounts[0]).toBeGreaterThan(100_000);
    expect(py.counts).toEqual({ '1': expectedCounts[0], '2': expectedCounts[1], '3': 0 });
    expect(py.overlap).toBe(true);
    expect(written.notes).toEqual(['Segment 3 "Empty structure" is empty: it is kept with one all-zero frame.']);
  });

  it('reads back as overlay label maps with its algorithm name and version', () => {
    const seg = readSegmentation(written.bytes);
    expect(seg.segments.map((s) => [s.number, s.label, s.algorithmName, s.algorithmVersion, s.voxelCount])).toEqual([
      [1, 'Air in the body', 'lung-nodule-cad', '1.2.0', expectedCounts[0]],
      [2, 'Nodule 1', 'lung-nodule-cad', '1.2.0', expectedCounts[1]],
      [3, 'Empty structure', 'lung-nodule-cad', '1.2.0', 0],
    ]);
    expect(seg.grid.dims).toEqual([512, 512, 30]);
    const analysis = segmentationAnalysis(seg);
    expect(analysis.model).toEqual({ id: 'lung-nodule-cad', version: '1.2.0' });
    // Overlapping segments cannot share one label map: one map per segment.
    expect(analysis.labelmaps.map((m) => m.name)).toEqual(['segment_1', 'segment_2', 'segment_3']);
    const nodule = analysis.findings.find((f) => f.label === 'Nodule 1');
    const [sx, sy] = (sources[0]!.PixelSpacing as number[]).map(Number);
    expect(nodule?.volumeMl).toBeCloseTo((expectedCounts[1]! * sx! * sy! * 8) / 1000, 2);
    expect(analysis.findings.map((f) => f.label)).not.toContain('Empty structure');
  });

  it.each(THIRD_PARTY)('reads the third-party SEG $file.3 with the voxel counts pydicom finds', ({ file: parts, model }) => {
    const target = sharedData(...parts);
    const py = JSON.parse(runPydicom(PYDICOM_COUNTS, target)) as { counts: Record<string, number>; overlap: boolean };
    const seg = readSegmentation(readFileSync(target));
    expect(Object.fromEntries(seg.segments.filter((s) => py.counts[String(s.number)] !== undefined).map((s) => [String(s.number), s.voxelCount]))).toEqual(py.counts);
    const analysis = segmentationAnalysis(seg);
    expect(analysis.labelmaps.length > 1).toBe(py.overlap);
    if (model) expect(analysis.model).toEqual(model);
    expect(analysis.findings.length).toBe(seg.segments.filter((s) => s.voxelCount > 0).length);
  });
});
