// The physician-final SEG follows the review's geometry, on the real imported A0002 CT with the
// label-map fixture (7×7×5-voxel boxes on the series' own grid): a finding moved by a known
// offset is the AI box shifted by exactly that many voxels; one resized ×2 along i is twice as
// long; a rejected one is absent; drawn additions are MANUAL ellipses whose voxel counts equal an
// independent numpy rasterization on the source files and lie within the Steiner bounds of the
// ellipse's area; the drawing overlaps the organ box and both segments keep the shared voxels.
// The SEG passes dciodvfy, pydicom reads it, re-importing it shows the moved mask again, and the
// feedback bundle states the Dice of each final mask against the AI's; `yingdu report export`
// names the drawing it could not place. A radiograph-only study is refused with a sentence.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../../electron/core/core';
import { buildSegReport, type SegReport } from '../../../../electron/core/exports/seg-report-export';
import type { FinalMaskEntry } from '../../../../electron/core/feedback/feedback-export';
import { resolveAnalysisVolume } from '../../../../electron/core/inference/jobs/analysis-bulk';
import { createAnalysisStore } from '../../../../electron/core/inference/jobs/analysis-store';
import type { Volume } from '../../../../electron/core/volumes/volume';
import { type AnalysisResult, bulkAnalysisPath } from '../../../../electron/shared/ai-results';
import type { FeedbackExportResult } from '../../../../electron/shared/feedback';
import type { StudyReview, UserProfile } from '../../../../electron/shared/reports';
import { FIXTURE_FINDINGS, FIXTURE_MODEL } from '../../../support/analysis-fixture';
import { coreCaller, firstStudySeries } from '../../../support/core-calls';
import { dcmdump, dciodvfy, runPydicom } from '../../../support/dicom-reference-tools';
import { BOX_HALF, storeLabelmapAnalysis, toGridIndex, type Vec3 } from '../../../support/labelmap-analysis-fixture';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../../../support/shared-data';
import { makeTempDir } from '../../../support/temp-dir';
import { runYingdu } from '../../cli/cli-support';
import { importedChestCt } from '../imported-chest-ct';
import { importInto } from '../import/import-into';

const SERIES_DIR = HAS_SHARED ? sharedData('ct-chest-lung-pet-ct-dx', 'A0002', 'series-B40f') : '';

/** Every segment's frames with their nonzero pixels (row, column), as pydicom reads the SEG. */
const PYDICOM_SEGMENTS = `
import sys, json, numpy as np, pydicom
ds = pydicom.dcmread(sys.argv[1])
a = ds.pixel_array.reshape((int(ds.NumberOfFrames), ds.Rows, ds.Columns))
segs = {int(s.SegmentNumber): {'label': s.SegmentLabel, 'type': s.SegmentAlgorithmType,
        'description': str(s.get('SegmentDescription', '')), 'frames': []} for s in ds.SegmentSequence}
shared = ds.SharedFunctionalGroupsSequence[0]
for i, f in enumerate(ds.PerFrameFunctionalGroupsSequence):
    rc = np.argwhere(a[i] > 0)
    segs[int(f.SegmentIdentificationSequence[0].ReferencedSegmentNumber)]['frames'].append({
        'position': [float(v) for v in f.PlanePositionSequence[0].ImagePositionPatient], 'pixels': rc.tolist()})
print(json.dumps({'iop': [float(v) for v in shared.PlaneOrientationSequence[0].ImageOrientationPatient],
  'spacing': [float(v) for v in shared.PixelMeasuresSequence[0].PixelSpacing], 'segments': segs}))`;

/**
 * Reference rasterization of a drawn ellipse(oid), written from the rule (pixel centres from each
 * source file's own IPP/IOP/PixelSpacing; an axis thinner than one voxel is flat: slices within
 * half a voxel of it), in numpy, over the original files: the voxel count per drawing.
 */
const NUMPY_ELLIPSES = `
import sys, json, glob, os, numpy as np, pydicom
drawings = json.loads(sys.argv[2])
files = [pydicom.dcmread(p, stop_before_pixels=True) for p in sorted(glob.glob(os.path.join(sys.argv[1], '*'))) if os.path.isfile(p)]
z = sorted(float(np.dot(np.array(d.ImagePositionPatient, float), np.cross(np.array(d.ImageOrientationPatient[:3], float), np.array(d.ImageOrientationPatient[3:], float)))) for d in files)
gap = float(np.mean(np.diff(z)))
out = []
for d in drawings:
    mid, half = np.array(d['mid']), np.array(d['half'])
    n = 0
    for f in files:
        iop = np.array(f.ImageOrientationPatient, float); dr, dc = float(f.PixelSpacing[0]), float(f.PixelSpacing[1])
        normal = np.cross(iop[:3], iop[3:])
        foot = np.abs(iop[:3]) * dc + np.abs(iop[3:]) * dr + np.abs(normal) * abs(gap)
        r, c = np.mgrid[0:int(f.Rows), 0:int(f.Columns)]
        p = [float(f.ImagePositionPatient[a]) + c * dc * iop[a] + r * dr * iop[3 + a] for a in range(3)]
        inside = np.ones(r.shape, bool); s = np.zeros(r.shape)
        for a in range(3):
            dist = np.abs(p[a] - mid[a])
            if 2 * half[a] < foot[a]:
                inside &= dist <= half[a] + foot[a] / 2 + 1e-9
            else:
                inside &= dist <= half[a] + 1e-9; s += (dist / half[a]) ** 2
        n += int((inside & (s <= 1 + 1e-9)).sum())
    out.append(n)
print(json.dumps(out))`;

interface ReadSegment {
  label: string;
  type: string;
  description: string;
  frames: Array<{ position: number[]; pixels: Array<[number, number]> }>;
}

describe.skipIf(!HAS_SHARED)(`physician-final SEG geometry (${HAS_SHARED ? 'A0002' : SHARED_MISSING_REASON})`, () => {
  const ct = importedChestCt('yingdu-seg-geometry-');
  const { call } = ct;
  let analysis: AnalysisResult;
  let volume: Volume;
  let centres: Vec3[] = [];

  beforeAll(async () => {
    volume = await ct.core.volumes.volume(ct.series, 0);
    ({ analysis, centres } = storeLabelmapAnalysis(ct.core.db, ct.dir, ct.study, volume, ct.series));
  });
  const lpsOf = (ijk: readonly number[]): Vec3 =>
    [0, 1, 2].map((a) => volume.origin[a]! + ijk.reduce((t, x, d) => t + x * volume.spacing[d]! * volume.direction[d]![a]!, 0)) as Vec3;
  const boxVoxels = (centre: Vec3, half: readonly number[]) => {
    const keys = new Set<string>();
    for (let k = centre[2] - half[2]!; k <= centre[2] + half[2]!; k++)
      for (let j = centre[1] - half[1]!; j <= centre[1] + half[1]!; j++) for (let i = centre[0] - half[0]!; i <= centre[0] + half[0]!; i++) keys.add(`${i},${j},${k}`);
    return keys;
  };
  /** Grid voxels (i,j,k keys) of a segment's frames: each pixel placed by its frame's position and the shared orientation. */
  const gridVoxelsOf = (segment: ReadSegment, iop: number[], spacing: number[]) => {
    const keys = new Set<string>();
    for (const frame of segment.frames)
      for (const [r, c] of frame.pixels) {
        const p = [0, 1, 2].map((a) => frame.position[a]! + c * spacing[1]! * iop[a]! + r * spacing[0]! * iop[3 + a]!);
        keys.add(toGridIndex(volume, p).join(','));
      }
    return keys;
  };

  it('moves, resizes, drops and draws the reviewed masks; dciodvfy, pydicom and re-import agree', async () => {
    const reader = await call<UserProfile>('review:createUser', { name: 'Zhao^Lei', role: 'radiologist' });
    await call('review:setCurrentUser', { id: reader.id });
    const act = (event: unknown) => call<StudyReview>('review:act', { studyInstanceUID: ct.study, event });
    const { analysisId } = analysis;
    const [f1] = FIXTURE_FINDINGS;

    // f1 moved by (+3, −2, +1) voxels, given in mm as the viewer would.
    const shift = [3, -2, 1] as const;
    const moveMm = lpsOf(shift).map((x, a) => x - volume.origin[a]!);
    await act({ action: 'edit', finding: { analysisId, findingId: 'f1' }, after: { centerLPS: f1!.centerLPS!.map((x, a) => x + moveMm[a]!) } });
    await act({ action: 'reject', finding: { analysisId, findingId: 'f2' }, reason: 'vessel' });
    // f3 (no AI bounds: its box is its component's) resized ×2 along i about the same centre.
    const c3 = centres[2]!;
    const resized = [lpsOf([c3[0] - 2 * BOX_HALF[0], c3[1] - BOX_HALF[1], c3[2] - BOX_HALF[2]]), lpsOf([c3[0] + 2 * BOX_HALF[0], c3[1] + BOX_HALF[1], c3[2] + BOX_HALF[2]])];
    await act({ action: 'edit', finding: { analysisId, findingId: 'f3' }, after: { boundsLPS: resized } });
    // A flat ellipse on the organ's middle slice, 24 × 16 mm, around the organ box (overlap), and a
    // 3-D ellipse drawing elsewhere (an ellipsoid), and one with no extent (not drawable).
    const organ = lpsOf(centres[3]!);
    const flatHalf = [12, 8, 0];
    const solidCentre = lpsOf([centres[3]![0] - 60, centres[3]![1] + 40, centres[3]![2]]);
    const solidHalf = [9, 7, 1.5 * volume.spacing[2]];
    const bounds = (mid: Vec3, half: number[]) => [mid.map((x, a) => x - half[a]!), mid.map((x, a) => x + half[a]!)];
    await act({ action: 'add', after: { type: 'nodule', label: 'nodule', centerLPS: organ, boundsLPS: bounds(organ, flatHalf), shape: 'ellipse' } });
    await act({ action: 'add', after: { type: 'nodule', label: 'nodule', centerLPS: solidCentre, boundsLPS: bounds(solidCentre, solidHalf), shape: 'ellipse' } });
    const review = await act({ action: 'add', after: { type: 'nodule', label: 'nodule', centerLPS: organ, longAxisMm: 6 } });
    const added = review.findings.filter((f) => f.disposition === 'added').map((f) => f.ref.findingId);

    const seg: SegReport = await buildSegReport({ report: ct.core.review.report(ct.study), db: ct.core.db, dataDir: ct.dir, storeDir: ct.core.layout.store });
    const out = path.join(ct.dir, 'final-seg.dcm');
    writeFileSync(out, seg.bytes);
    expect(dciodvfy(out).errors).toEqual([]);
    expect(dcmdump(out).status).toBe(0);
    expect(seg.notes).toEqual([expect.stringMatching(new RegExp(`^Added finding "nodule ${added[2]}" is not in the segmentation: it has no drawn extent`))]);

    const read = JSON.parse(runPydicom(PYDICOM_SEGMENTS, out)) as { iop: number[]; spacing: number[]; segments: Record<string, ReadSegment> };
    const segments = Object.values(read.segments);
    expect(segments.map((s) => [s.label, s.type])).toEqual([
      ['nodule f1', 'SEMIAUTOMATIC'],
      ['nodule f3', 'SEMIAUTOMATIC'],
      ['left_lung', 'AUTOMATIC'],
      [`nodule ${added[0]}`, 'MANUAL'],
      [`nodule ${added[1]}`, 'MANUAL'],
    ]);
    expect(segments[0]!.description).toMatch(/moved\/resized by the physician/);
    expect(segments[3]!.description).toMatch(/ellipse/);
    const voxels = segments.map((s) => gridVoxelsOf(s, read.iop, read.spacing));

    // Moved: exactly the AI box shifted by the offset. Rejected f2: absent. Organ: as produced.
    expect([...voxels[0]!].sort()).toEqual([...boxVoxels(centres[0]!.map((x, a) => x + shift[a]!) as Vec3, BOX_HALF)].sort());
    expect([...voxels[2]!].sort()).toEqual([...boxVoxels(centres[3]!, BOX_HALF)].sort());
    // Resized ×2 along i: 7 voxels become 14 (the box's voxel edges scaled about its centre); j and k unchanged.
    const resizedKeys = [...voxels[1]!].map((k) => k.split(',').map(Number));
    const extent = (a: number) => new Set(resizedKeys.map((v) => v[a]!)).size;
    expect([extent(0), extent(1), extent(2)]).toEqual([2 * (2 * BOX_HALF[0] + 1), 2 * BOX_HALF[1] + 1, 2 * BOX_HALF[2] + 1]);
    expect(resizedKeys.length).toBe(2 * (2 * BOX_HALF[0] + 1) * (2 * BOX_HALF[1] + 1) * (2 * BOX_HALF[2] + 1));
    expect(Math.min(...resizedKeys.map((v) => v[0]!))).toBe(c3[0] - 2 * BOX_HALF[0] - 1);

    // The flat drawing: one frame, on the organ's middle slice; its count equals numpy's and the Steiner bounds.
    expect(segments[3]!.frames).toHaveLength(1);
    expect(toGridIndex(volume, segments[3]!.frames[0]!.position)[2]).toBe(centres[3]![2]);
    const reference = JSON.parse(runPydicom(NUMPY_ELLIPSES, SERIES_DIR, JSON.stringify([{ mid: organ, half: flatHalf }, { mid: solidCentre, half: solidHalf }]))) as number[];
    expect([voxels[3]!.size, voxels[4]!.size]).toEqual(reference);
    const [sx, sy] = [volume.spacing[0], volume.spacing[1]];
    const [A, B] = flatHalf as [number, number];
    const d = Math.hypot(sx, sy) / 2;
    const perimeter = Math.PI * Math.sqrt(2 * (A * A + B * B));
    expect(voxels[3]!.size * sx * sy).toBeLessThanOrEqual(Math.PI * A * B + perimeter * d + Math.PI * d * d);
    expect(voxels[3]!.size * sx * sy).toBeGreaterThanOrEqual(Math.PI * A * B - perimeter * d);
    // The ellipsoid spans the slices within its bounds only (3 slices: half-extent 1.5 slice gaps).
    expect(new Set(segments[4]!.frames.map((f) => toGridIndex(volume, f.position)[2])).size).toBe(3);
    // Overlap: the organ box's middle slice lies inside the ellipse, and both segments keep it.
    const organSlice = [...voxels[2]!].filter((k) => k.endsWith(`,${centres[3]![2]}`));
    expect(organSlice).toHaveLength((2 * BOX_HALF[0] + 1) * (2 * BOX_HALF[1] + 1));
    expect(organSlice.every((k) => voxels[3]!.has(k))).toBe(true);

    // Summaries for callers: Dice of each mapped mask against the AI's, from box geometry.
    const box = (2 * BOX_HALF[0] + 1) * (2 * BOX_HALF[1] + 1) * (2 * BOX_HALF[2] + 1);
    const shiftedOverlap = [0, 1, 2].reduce((n, a) => n * (2 * BOX_HALF[a]! + 1 - Math.abs(shift[a]!)), 1);
    expect(seg.segments[0]!.mapping).toEqual({ aiVoxels: box, finalVoxels: box, dice: (2 * shiftedOverlap) / (2 * box) });
    expect(seg.segments[1]!.mapping).toEqual({ aiVoxels: box, finalVoxels: 2 * box, dice: (2 * box) / (3 * box) });

    // Without any label map (here: another model's only), the drawings alone make the SEG, on the study's series.
    const drawnOnly = await buildSegReport({ report: ct.core.review.report(ct.study), db: ct.core.db, dataDir: ct.dir, storeDir: ct.core.layout.store, modelId: 'no-such-model' });
    expect(drawnOnly.segments.map((s) => [s.algorithmType, s.voxels])).toEqual([seg.segments[3]!, seg.segments[4]!].map((s) => ['MANUAL', s.voxels]));
    const drawnOut = path.join(ct.dir, 'drawn-seg.dcm');
    writeFileSync(drawnOut, drawnOnly.bytes);
    expect(dciodvfy(drawnOut).errors).toEqual([]);

    // Re-imported, the SEG is an overlay again whose "nodule f1" voxels are the moved box.
    const summary = await ct.core.imports.start([out], { onProgress() {}, onStudiesChanged() {}, onFinished() {} }).done;
    expect(summary.resultObjects).toEqual({ imported: 1, problems: [] });
    const store = createAnalysisStore(ct.core.db);
    const reimported = store.list({ studyInstanceUID: ct.study }).find((r) => r.provider === 'dicom-import')!;
    expect(reimported.findings.map((f) => f.label)).toEqual(segments.map((s) => s.label));
    const f1Index = reimported.outputs.findIndex((o) => Object.values(o.labels ?? {}).some((l) => l.key === 'nodule f1'));
    const f1Value = Number(Object.entries(reimported.outputs[f1Index]!.labels!).find(([, l]) => l.key === 'nodule f1')![0]);
    const { grid, voxels: map } = await resolveAnalysisVolume(store, ct.dir, bulkAnalysisPath(reimported.analysisId, f1Index));
    const back = new Set<string>();
    const [nx, ny] = grid.dimensions;
    for (let v = 0; v < map.length; v++) {
      if (map[v] !== f1Value) continue;
      const ijk = [v % nx, Math.floor(v / nx) % ny, Math.floor(v / (nx * ny))];
      const p = [0, 1, 2].map((a) => grid.origin[a]! + ijk.reduce((t, x, dd) => t + x * grid.spacing[dd]! * grid.direction[dd]![a]!, 0));
      back.add(toGridIndex(volume, p).join(','));
    }
    expect([...back].sort()).toEqual([...voxels[0]!].sort());

    // The feedback bundle's dispositions state each final mask and its Dice against the AI's.
    const bundle = await call<FeedbackExportResult>('feedback:export', { modelId: FIXTURE_MODEL.id });
    const dispositions = JSON.parse(readFileSync(path.join(bundle.outDir, 'case-001', 'dispositions.json'), 'utf8')) as {
      findings: Array<{ findingId: string; finalMask: FinalMaskEntry | null }>;
    };
    const byId = new Map(dispositions.findings.map((f) => [f.findingId, f.finalMask]));
    expect(byId.get('f1')).toMatchObject({ algorithmType: 'SEMIAUTOMATIC', diceWithAi: seg.segments[0]!.mapping!.dice, aiGridVoxels: box, finalGridVoxels: box });
    expect(byId.get('f2')).toBeNull();
    expect(byId.get('f3')).toMatchObject({ algorithmType: 'SEMIAUTOMATIC', diceWithAi: 2 / 3 });
    expect(byId.get(added[0]!)).toMatchObject({ algorithmType: 'MANUAL', diceWithAi: null, voxels: voxels[3]!.size });
    expect(byId.get(added[2]!)).toBeNull();

    // The command line says which drawing is not in the SEG.
    const cliOut = path.join(ct.dir, 'cli-seg.dcm');
    const run = runYingdu(['report', 'export', ct.study, '--format', 'seg', '--out', cliOut, '--data', ct.dir, '--json']);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ format: 'seg', notes: seg.notes });
  });
});

describe.skipIf(!HAS_SHARED)(`SEG of a radiograph-only study (${HAS_SHARED ? 'WG04 RG3' : SHARED_MISSING_REASON})`, () => {
  const temp = makeTempDir('yingdu-seg-radiograph-');
  afterAll(() => temp.remove());

  it('refuses with NOT_FOUND and a sentence: a drawing on a CR has no patient geometry to segment', async () => {
    await importInto(temp.dir, [sharedData('conformance', 'wg04', 'REF', 'RG3_UNC')]);
    const core = createCore({ dataDir: temp.dir, host: 'web', aiAutoRun: false });
    try {
      const call = coreCaller(() => core);
      const { study } = firstStudySeries(core.db);
      const reader = await call<UserProfile>('review:createUser', { name: 'Sun^Yu', role: 'radiologist' });
      await call('review:setCurrentUser', { id: reader.id });
      await call('review:act', { studyInstanceUID: study, event: { action: 'add', after: { type: 'lesion', boundsLPS: [[10, 10, 0], [30, 20, 0]], shape: 'ellipse' } } });
      await expect(buildSegReport({ report: core.review.report(study), db: core.db, dataDir: temp.dir, storeDir: core.layout.store })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringMatching(/no image series with patient geometry \(e\.g\. only radiographs\)/),
      });
    } finally {
      await core.close();
    }
  }, 60_000);
});
