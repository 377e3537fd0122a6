// The feedback bundle of a real reviewed study (A0002 CT, fixture lung CAD analysis with a label
// map; accept, reject with a reason, edit, add through review:act) written by feedback:export on the
// web host: every DICOM file is free of the Annex E attributes the profile removes (E's table),
// of private tags and of the patient's name, ID, UIDs and the reader's name; the SEG and SR
// reference the bundle's own images; dispositions.json matches the review state; feedback:stats
// counts the same decisions.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { profileRowFor, resolveAction } from '../../../../electron/core/deidentify/profile-actions';
import { readValidatedDataset } from '../../../../electron/core/dicom/dcmjs-dataset';
import type { DicomDataset as DcmjsDict } from '../../../../electron/core/dicom-objects/data-dictionary';
import type { FeedbackManifest } from '../../../../electron/core/feedback/feedback-export';
import type { FindingDispositionEntry } from '../../../../electron/core/feedback/feedback-records';
import type { FeedbackExportResult, ModelFeedbackStats } from '../../../../electron/shared/feedback';
import type { StudyReview, UserProfile } from '../../../../electron/shared/reports';
import { FIXTURE_MODEL } from '../../../support/analysis-fixture';
import { dciodvfy } from '../../../support/dicom-reference-tools';
import { storeLabelmapAnalysis } from '../../../support/labelmap-analysis-fixture';
import { HAS_SHARED, SHARED_MISSING_REASON } from '../../../support/shared-data';
import { runYingdu } from '../../cli/cli-support';
import { importedChestCt } from '../imported-chest-ct';

/** Every element of a dataset, nested sequences included, as [tag, element]. */
function* elements(dict: DcmjsDict): Generator<[string, { vr: string; Value?: unknown[] }]> {
  for (const [tag, element] of Object.entries(dict)) {
    yield [tag, element as { vr: string; Value?: unknown[] }];
    if (element?.vr === 'SQ') for (const item of (element.Value ?? []) as DcmjsDict[]) yield* elements(item);
  }
}
const first = (dict: DcmjsDict, tag: string) => dict[tag]?.Value?.[0];

describe.skipIf(!HAS_SHARED)(`feedback bundle of a reviewed study (${HAS_SHARED ? 'A0002' : SHARED_MISSING_REASON})`, () => {
  const ct = importedChestCt('yingdu-feedback-');
  const { call } = ct;
  let analysisId = 0;
  beforeAll(async () => {
    analysisId = storeLabelmapAnalysis(ct.core.db, ct.dir, ct.study, await ct.core.volumes.volume(ct.series, 0), ct.series).analysis.analysisId;
  });

  it('writes de-identified, self-consistent cases whose dispositions match the review', async () => {
    const reader = await call<UserProfile>('review:createUser', { name: 'Wang^Fang', role: 'radiologist' });
    await call('review:setCurrentUser', { id: reader.id });
    const act = (event: unknown) => call<StudyReview>('review:act', { studyInstanceUID: ct.study, event });
    await act({ action: 'accept', finding: { analysisId, findingId: 'f1' } });
    await act({ action: 'reject', finding: { analysisId, findingId: 'f2' }, reason: 'vessel', reasonText: 'follows a vessel on adjacent slices' });
    await act({ action: 'edit', finding: { analysisId, findingId: 'f3' }, after: { longAxisMm: 10, shortAxisMm: 7 } });
    const reviewed = await act({ action: 'add', after: { type: 'nodule', consistency: 'solid', longAxisMm: 6, shortAxisMm: 5, centerLPS: [-70, 0, -130], side: 'right' } });

    // The web host may not name a folder: the bundle goes under outputs/feedback/.
    const refused = await ct.core.dispatch('feedback:export', { modelId: FIXTURE_MODEL.id, outDir: path.join(ct.dir, 'elsewhere') });
    expect(refused.ok ? null : refused.error.code).toBe('INVALID_ARGUMENT');
    const result = await call<FeedbackExportResult>('feedback:export', { modelId: FIXTURE_MODEL.id });
    expect(result.outDir.startsWith(path.join(ct.dir, 'outputs', 'feedback') + path.sep)).toBe(true);
    const manifest = JSON.parse(readFileSync(path.join(result.outDir, 'manifest.json'), 'utf8')) as FeedbackManifest;
    expect(manifest.modelId).toBe(FIXTURE_MODEL.id);
    expect(manifest.cases).toHaveLength(1);
    const [bundleCase] = manifest.cases;
    const images = bundleCase!.files.filter((f) => f.includes('/images/'));
    const instanceCount = ct.core.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM instances').get()!.n;
    expect(images).toHaveLength(instanceCount);
    expect(bundleCase!.files.filter((f) => !f.includes('/images/'))).toEqual(['case-001/ai/seg.dcm', 'case-001/ai/sr.dcm', 'case-001/final/seg.dcm', 'case-001/final/sr.dcm', 'case-001/dispositions.json']);

    // Identifying values of the originals: none may appear in any exported byte.
    const uids = ct.core.db.prepare<[], { u: string }>('SELECT sop_instance_uid AS u FROM instances').all().map((r) => r.u);
    const secrets = [ct.study, ct.series, ...uids, 'Wang^Fang'];
    const patient = ct.core.db.prepare<[], { name: string; id: string }>('SELECT patient_name AS name, patient_id AS id FROM patients LIMIT 1').get()!;
    // Long enough not to turn up by chance inside pixel data.
    for (const value of [patient.id, patient.name]) if (value.length >= 5) secrets.push(value);

    const read = (relative: string) => {
      const bytes = readFileSync(path.join(result.outDir, relative));
      return { bytes, dict: readValidatedDataset(bytes).dict };
    };
    const imageSops = new Set<string>();
    const imageSeries = new Set<string>();
    for (const file of bundleCase!.files.filter((f) => f.endsWith('.dcm'))) {
      const { bytes, dict } = read(file);
      const text = bytes.toString('latin1');
      for (const secret of secrets) expect(text.includes(secret), `${file} still holds an identifying value`).toBe(false);
      const sopClass = first(dict, '00080016') as string;
      for (const [tag, element] of elements(dict)) {
        expect(Number.parseInt(tag.slice(0, 4), 16) % 2, `${file}: private ${tag}`).toBe(0);
        const row = profileRowFor(tag);
        if (row && resolveAction(row, sopClass) === 'X') expect.fail(`${file}: ${row.tag} ${row.name} should have been removed`);
        if (row && element.vr === 'UI' && resolveAction(row, sopClass) === 'U') (element.Value ?? []).forEach((v) => expect(String(v)).toMatch(/^2\.25\.\d+$/));
      }
      if (file.includes('/images/')) {
        imageSops.add(first(dict, '00080018') as string);
        imageSeries.add(first(dict, '0020000E') as string);
      }
    }
    // The SEG and SR point at the bundle's images through the one UID mapping.
    for (const file of ['case-001/ai/seg.dcm', 'case-001/final/seg.dcm']) {
      const { dict } = read(file);
      const refSeries = (dict['00081115']!.Value as DcmjsDict[])[0]!;
      expect(imageSeries.has(first(refSeries, '0020000E') as string)).toBe(true);
      const refs = (refSeries['0008114A']!.Value as DcmjsDict[]).map((i) => first(i, '00081155') as string);
      expect(refs.length).toBe(imageSops.size);
      expect(refs.every((r) => imageSops.has(r))).toBe(true);
    }
    for (const file of ['case-001/ai/sr.dcm', 'case-001/final/sr.dcm']) {
      const { dict } = read(file);
      const evidence = (dict['0040A375']!.Value as DcmjsDict[])[0]!;
      expect(first(evidence, '0020000D')).toBe(first(read(images[0]!).dict, '0020000D'));
    }
    expect(dciodvfy(path.join(result.outDir, 'case-001', 'final', 'seg.dcm')).errors).toEqual([]);

    // dispositions.json is the review state of the model's findings, plus the reader's addition.
    const json = readFileSync(path.join(result.outDir, 'case-001', 'dispositions.json'), 'utf8');
    for (const secret of secrets) expect(json.includes(secret)).toBe(false);
    const dispositions = JSON.parse(json) as { findings: FindingDispositionEntry[] };
    const expected = reviewed.findings.map((f) => ({
      findingId: f.ref.findingId,
      disposition: f.disposition,
      reason: f.reason,
      reasonText: f.reasonText,
      aiValues: f.original,
      editedValues: f.disposition === 'edited' || f.disposition === 'added' ? f.current : null,
      decidedAt: f.decidedAt,
    }));
    expect(dispositions.findings.map(({ findingId, disposition, reason, reasonText, aiValues, editedValues, decidedAt }) => ({ findingId, disposition, reason, reasonText, aiValues, editedValues, decidedAt }))).toEqual(expected);
    expect(dispositions.findings.map((f) => f.disposition)).toEqual(['accepted', 'rejected', 'edited', 'added']);
    expect(dispositions.findings[2]?.editedValues?.longAxisMm).toBe(10);
    // Final masks: the accepted and the edited-without-moving ones are the AI's as produced (Dice 1); rejected, and an addition without a drawing, have none.
    const finalMasks = (dispositions.findings as Array<FindingDispositionEntry & { finalMask: { algorithmType: string; diceWithAi: number | null } | null }>).map((f) => f.finalMask && [f.finalMask.algorithmType, f.finalMask.diceWithAi]);
    expect(finalMasks).toEqual([['AUTOMATIC', 1], null, ['AUTOMATIC', 1], null]);

    const [stats] = await call<ModelFeedbackStats[]>('feedback:stats', { modelId: FIXTURE_MODEL.id });
    expect(stats).toMatchObject({ modelId: FIXTURE_MODEL.id, studies: 1, accepted: 1, rejected: 1, edited: 1, missed: 1, pending: 0 });
    expect(stats?.rejectedByReason.vessel).toBe(1);
    expect(stats?.agreementRate).toBeCloseTo(1 / 3, 10);
    expect(stats?.medianSecondsToDecision).not.toBeNull();
  });

  it('yingdu feedback export and stats read the same data folder; a non-empty folder is refused', () => {
    const out = path.join(ct.dir, 'bundle-cli');
    const run = runYingdu(['feedback', 'export', '--model', FIXTURE_MODEL.id, out, '--data', ct.dir, '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const manifest = JSON.parse(run.stdout) as FeedbackManifest & { outDir: string };
    expect(manifest.cases.map((c) => [c.case, c.findings])).toEqual([['case-001', 4]]);
    expect(readFileSync(path.join(out, 'case-001', 'dispositions.json'), 'utf8')).toContain('"reason": "vessel"');
    const again = runYingdu(['feedback', 'export', '--model', FIXTURE_MODEL.id, out, '--data', ct.dir]);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toMatch(/^error CONFLICT: /);
    const stats = runYingdu(['feedback', 'stats', '--data', ct.dir, '--json']);
    expect((JSON.parse(stats.stdout) as ModelFeedbackStats[]).map((s) => [s.modelId, s.accepted, s.rejected, s.edited, s.missed])).toEqual([[FIXTURE_MODEL.id, 1, 1, 1, 1]]);
  });
});
