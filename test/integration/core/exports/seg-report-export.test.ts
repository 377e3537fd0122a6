// `report export --format seg` on the real imported A0002 CT: an analysis whose label map (on the
// series' volume grid, as every job output is) holds one box per fixture nodule plus an organ
// label no finding owns. After accept / reject / edit, the SEG holds the kept nodules and the organ
// label, each frame derived from the instance at that position, passes dciodvfy, is read by dcmdump
// and pydicom with the boxes' voxel counts, and re-imports through the importer as an overlay again.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSegmentation } from '../../../../electron/core/dicom-objects/seg-reader';
import { exportReport } from '../../../../electron/core/reports/export/report-exporters';
import type { Volume } from '../../../../electron/core/volumes/volume';
import type { AnalysisResult } from '../../../../electron/shared/ai-results';
import type { UserProfile } from '../../../../electron/shared/reports';
import { dcmdump, dciodvfy, runPydicom } from '../../../support/dicom-reference-tools';
import { BOX_HALF, storeLabelmapAnalysis, toGridIndex, type Vec3 } from '../../../support/labelmap-analysis-fixture';
import { HAS_SHARED, SHARED_MISSING_REASON } from '../../../support/shared-data';
import { importedChestCt } from '../imported-chest-ct';

const HALF = BOX_HALF;
const toIndex = toGridIndex;

const PYDICOM_FRAMES = `
import sys, json, pydicom
ds = pydicom.dcmread(sys.argv[1])
a = ds.pixel_array.reshape((int(ds.NumberOfFrames), ds.Rows, ds.Columns))
out = []
for i, f in enumerate(ds.PerFrameFunctionalGroupsSequence):
    out.append({'segment': int(f.SegmentIdentificationSequence[0].ReferencedSegmentNumber),
      'source': f.DerivationImageSequence[0].SourceImageSequence[0].ReferencedSOPInstanceUID,
      'position': [float(v) for v in f.PlanePositionSequence[0].ImagePositionPatient], 'voxels': int((a[i] > 0).sum())})
print(json.dumps({'labels': [s.SegmentLabel for s in ds.SegmentSequence], 'types': [s.SegmentAlgorithmType for s in ds.SegmentSequence], 'frames': out}))`;

describe.skipIf(!HAS_SHARED)(`SEG export of a reviewed study (${HAS_SHARED ? 'A0002' : SHARED_MISSING_REASON})`, () => {
  const ct = importedChestCt('yingdu-seg-export-');
  const { call } = ct;
  let analysis: AnalysisResult;
  let volume: Volume;
  let centres: Vec3[] = [];
  let boxVoxels: number[] = [];
  beforeAll(async () => {
    volume = await ct.core.volumes.volume(ct.series, 0);
    ({ analysis, centres, boxVoxels } = storeLabelmapAnalysis(ct.core.db, ct.dir, ct.study, volume, ct.series));
  });

  it('writes the kept masks on the source instances and re-imports them as an overlay', async () => {
    const reader = await call<UserProfile>('review:createUser', { name: 'Li^Na', role: 'radiologist' });
    await call('review:setCurrentUser', { id: reader.id });
    const act = (event: unknown) => call('review:act', { studyInstanceUID: ct.study, event });
    const { analysisId } = analysis;
    await act({ action: 'accept', finding: { analysisId, findingId: 'f1' } });
    await act({ action: 'reject', finding: { analysisId, findingId: 'f2' }, reason: 'vessel' });
    await act({ action: 'edit', finding: { analysisId, findingId: 'f3' }, after: { longAxisMm: 10 } });

    const out = path.join(ct.dir, 'report-seg.dcm');
    const written = await exportReport('seg', { studyInstanceUID: ct.study, lang: 'en', out, db: ct.core.db, layout: ct.core.layout, review: ct.core.review });
    expect(written.format).toBe('seg');
    expect(dciodvfy(out).errors).toEqual([]);
    expect(dcmdump(out).status).toBe(0);

    const read = JSON.parse(runPydicom(PYDICOM_FRAMES, out)) as {
      labels: string[];
      types: string[];
      frames: Array<{ segment: number; source: string; position: number[]; voxels: number }>;
    };
    expect(read.labels).toEqual(['nodule f1', 'nodule f3', 'left_lung']);
    // f3's edit changed its long axis, not its position or extent: its mask is the AI's as produced.
    expect(read.types).toEqual(['AUTOMATIC', 'AUTOMATIC', 'AUTOMATIC']);
    // Each frame derives from the instance stored at its plane position, and that instance is
    // one of the box's slices in the volume grid.
    const positionOf = ct.core.db.prepare<[string], { p: string }>('SELECT image_position AS p FROM instances WHERE sop_instance_uid = ?');
    const kept = [0, 2, 3];
    for (const frame of read.frames) {
      const stored = JSON.parse(positionOf.get(frame.source)!.p) as number[];
      frame.position.forEach((v, a) => expect(v).toBeCloseTo(stored[a]!, 3));
      const k = toIndex(volume, frame.position)[2];
      expect(Math.abs(k - centres[kept[frame.segment - 1]!]![2])).toBeLessThanOrEqual(HALF[2]);
    }
    kept.forEach((box, s) => {
      const frames = read.frames.filter((f) => f.segment === s + 1);
      expect(frames).toHaveLength(2 * HALF[2] + 1);
      expect(frames.reduce((n, f) => n + f.voxels, 0)).toBe(boxVoxels[box]);
    });

    // Read back: each segment's centroid is its box centre.
    const seg = readSegmentation(readFileSync(out));
    kept.forEach((box, s) => {
      const mask = seg.masks.get(s + 1)!;
      const [nx, ny] = seg.grid.dims;
      const sum = [0, 0, 0];
      let n = 0;
      mask.forEach((v, idx) => {
        if (!v) return;
        const ijk = [idx % nx, Math.floor(idx / nx) % ny, Math.floor(idx / (nx * ny))];
        for (let a = 0; a < 3; a++) sum[a] = sum[a]! + seg.grid.origin[a]! + ijk.reduce((t, x, d) => t + x * seg.grid.spacing[d]! * seg.grid.directions[d]![a]!, 0);
        n++;
      });
      const expected = volume.origin.map((o, a) => o + centres[box]!.reduce((t, x, d) => t + x * volume.spacing[d]! * volume.direction[d]![a]!, 0));
      sum.forEach((v, a) => expect(v / n).toBeCloseTo(expected[a]!, 1));
    });

    // Our SEG and our SR, imported together, come back as two overlays.
    const srOut = path.join(ct.dir, 'report-sr.dcm');
    await exportReport('sr', { studyInstanceUID: ct.study, lang: 'en', out: srOut, db: ct.core.db, layout: ct.core.layout, review: ct.core.review });
    const summary = await ct.core.imports.start([out, srOut], { onProgress() {}, onStudiesChanged() {}, onFinished() {} }).done;
    expect(summary.resultObjects).toEqual({ imported: 2, problems: [] });
    const listed = await call<AnalysisResult[]>('ai:results', { studyInstanceUID: ct.study });
    const reimported = listed.filter((r) => r.provider === 'dicom-import');
    const segResult = reimported.find((r) => r.outputs.length > 0)!;
    expect(segResult.seriesInstanceUID).toBe(analysis.seriesInstanceUID);
    expect(segResult.findings.map((f) => f.label).sort()).toEqual(['left_lung', 'nodule f1', 'nodule f3']);
    const srResult = reimported.find((r) => r.outputs.length === 0)!;
    expect(srResult.findings).toHaveLength(2);
    expect(srResult.findings.map((f) => f.longAxisMm)).toEqual([analysis.findings[0]!.longAxisMm, 10]);
  });
});
