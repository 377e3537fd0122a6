// The review of a real imported chest CT (Lung-PET-CT-Dx A0002) with a fixture lung CAD analysis,
// through the real core dispatcher and SQLite file: roles, every decision kind, consistency
// warnings blocking sign-off, preliminary → final, the locked report, the append-only triggers,
// and the CLI (`yingdu review`, `yingdu report export`) reading the same data folder.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { structuredReportSchema, type StudyReview, type UserProfile } from '../../../../electron/shared/reports';
import { runYingdu } from '../../cli/cli-support';
import { storeFixtureAnalysis, FIXTURE_MODEL } from '../../../support/analysis-fixture';
import { HAS_SHARED, SHARED_MISSING_REASON } from '../../../support/shared-data';
import { importedChestCt } from '../imported-chest-ct';

describe.skipIf(!HAS_SHARED)(`review workflow on a real study (${HAS_SHARED ? 'A0002' : SHARED_MISSING_REASON})`, () => {
  const ct = importedChestCt('yingdu-review-');
  const { call } = ct;
  let analysisId = 0;
  beforeAll(() => {
    analysisId = storeFixtureAnalysis(ct.core.db, ct.study, ct.series).analysisId;
  });

  const act = (event: unknown) => call<StudyReview>('review:act', { studyInstanceUID: ct.study, event });
  const ref = (findingId: string) => ({ analysisId, findingId });
  const studyStatus = () => ct.core.db.prepare<[string], { status: string }>('SELECT status FROM studies WHERE study_instance_uid = ?').get(ct.study)?.status;

  it('lists the AI findings as pending in a draft chest CT report', async () => {
    const review = await call<StudyReview>('review:get', { studyInstanceUID: ct.study });
    expect(review.status).toBe('draft');
    expect(review.findings.map((f) => f.disposition)).toEqual(['pending', 'pending', 'pending']);
    expect(review.report.examType).toBe('chest-ct');
    expect(review.report.findings[0]?.ai).toMatchObject({ modelId: FIXTURE_MODEL.id, modelVersion: FIXTURE_MODEL.version, probability: 0.91 });
  });

  it('refuses to record anything without a reader, and refuses a technologist', async () => {
    await expect(act({ action: 'accept', finding: ref('f1') })).rejects.toMatchObject({ code: 'NO_CURRENT_USER' });
    await call<UserProfile>('review:createUser', { name: 'Tech Zhao', role: 'technologist' });
    await expect(act({ action: 'accept', finding: ref('f1') })).rejects.toMatchObject({ code: 'ROLE_NOT_PERMITTED' });
    await expect(call('review:createUser', { name: ' ', role: 'radiologist' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(act({ action: 'reject', finding: ref('f2') })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('records accept, reject with a reason, edit and add by a resident; undo reverts one', async () => {
    const resident = await call<UserProfile>('review:createUser', { name: '李医生', role: 'resident' });
    await call('review:setCurrentUser', { id: resident.id });
    await act({ action: 'accept', finding: ref('f1') });
    await act({ action: 'reject', finding: ref('f2'), reason: 'vessel', reasonText: '分支血管' });
    await act({ action: 'reject', finding: ref('f3'), reason: 'scar' });
    const undone = await act({ action: 'undo', targetEventId: (await call<StudyReview>('review:get', { studyInstanceUID: ct.study })).events.at(-1)?.id ?? 0 });
    expect(undone.findings[2]?.disposition).toBe('pending');
    await act({ action: 'edit', finding: ref('f3'), after: { longAxisMm: 10, shortAxisMm: 7, consistency: 'part-solid', solidComponentMm: 6.5 } });
    const review = await act({ action: 'add', after: { type: 'nodule', consistency: 'solid', longAxisMm: 6, shortAxisMm: 5, centerLPS: [-70, 0, -130], side: 'right', location: 'right upper lobe' } });
    expect(review.findings.map((f) => f.disposition)).toEqual(['accepted', 'rejected', 'edited', 'added']);
    expect(review.report.findings.map((f) => f.lungRads?.category)).toEqual(['4A', '2', '4A', '2']);
    expect(review.report.lungRads?.category).toBe('4A');
    expect(studyStatus()).toBe('in_review');
  });

  it('blocks sign-off until every warning is resolved or acknowledged', async () => {
    await expect(act({ action: 'sign', status: 'preliminary' })).rejects.toMatchObject({ code: 'SIGN_OFF_BLOCKED' });
    const impression = '左肺上叶实性结节，Lung-RADS 4A 类。左肺下叶部分实性结节，Lung-RADS 4A 类。右肺上叶小结节，Lung-RADS 2 类，疑似良性。';
    const review = await act({ action: 'set-text', field: 'impression', after: impression });
    expect(review.report.warnings.map((w) => w.key)).toEqual(['forbidden-phrase:疑似']);
    await expect(act({ action: 'sign', status: 'preliminary' })).rejects.toMatchObject({ code: 'SIGN_OFF_BLOCKED' });
    const acked = await act({ action: 'acknowledge', warningKey: 'forbidden-phrase:疑似', reasonText: '保留原措辞' });
    expect(acked.report.warnings.every((w) => w.acknowledged)).toBe(true);
  });

  it('lets a resident sign preliminary but not final; a radiologist finalises; then the report is locked', async () => {
    await expect(act({ action: 'sign', status: 'final' })).rejects.toMatchObject({ code: 'ROLE_NOT_PERMITTED' });
    expect((await act({ action: 'sign', status: 'preliminary' })).status).toBe('preliminary');
    expect(studyStatus()).toBe('preliminary');
    const events = (await call<StudyReview>('review:get', { studyInstanceUID: ct.study })).events;
    await expect(act({ action: 'undo', targetEventId: events[0]?.id ?? 0 })).rejects.toMatchObject({ code: 'REPORT_LOCKED' });
    const radiologist = await call<UserProfile>('review:createUser', { name: '王主任', role: 'radiologist' });
    await call('review:setCurrentUser', { id: radiologist.id });
    const final = await act({ action: 'sign', status: 'final' });
    expect(final.status).toBe('final');
    expect(final.signatures.map((s) => [s.status, s.reader.role])).toEqual([
      ['preliminary', 'resident'],
      ['final', 'radiologist'],
    ]);
    expect(studyStatus()).toBe('final');
    await expect(act({ action: 'accept', finding: ref('f2') })).rejects.toMatchObject({ code: 'REPORT_LOCKED' });
    await expect(act({ action: 'sign', status: 'final' })).rejects.toMatchObject({ code: 'WORKFLOW_REFUSED' });
  });

  it('refuses UPDATE and DELETE on review_events at the SQLite level', () => {
    const before = ct.core.db.prepare('SELECT * FROM review_events ORDER BY id').all();
    expect(before.length).toBeGreaterThan(8);
    expect(() => ct.core.db.prepare("UPDATE review_events SET action = 'accept' WHERE action = 'reject'").run()).toThrow(/append-only/);
    expect(() => ct.core.db.prepare('DELETE FROM review_events').run()).toThrow(/append-only/);
    expect(ct.core.db.prepare('SELECT * FROM review_events ORDER BY id').all()).toEqual(before);
  });

  it('prints the findings and the full history with `yingdu review --json`', () => {
    const run = runYingdu(['review', ct.study, '--data', ct.dir, '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as { status: string; findings: { disposition: string; reason?: string }[]; events: { action: string; reader: { name: string } }[] };
    expect(out.status).toBe('final');
    expect(out.findings.map((f) => f.disposition)).toEqual(['accepted', 'rejected', 'edited', 'added']);
    expect(out.findings[1]?.reason).toBe('vessel');
    expect(out.events.map((e) => e.action)).toEqual(['accept', 'reject', 'reject', 'undo', 'edit', 'add', 'set-text', 'acknowledge', 'sign', 'sign']);
    expect(out.events.at(-1)?.reader.name).toBe('王主任');
  });

  it('exports the report as text in both languages and as schema-valid JSON', () => {
    const zh = path.join(ct.dir, 'report-zh.txt');
    const en = path.join(ct.dir, 'report-en.txt');
    const json = path.join(ct.dir, 'report.json');
    for (const [format, out, lang] of [['text', zh, 'zh-CN'], ['text', en, 'en'], ['json', json, 'en']] as const) {
      const run = runYingdu(['report', 'export', ct.study, '--format', format, '--out', out, '--lang', lang, '--data', ct.dir, '--json']);
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toMatchObject({ path: out, format });
    }
    const zhText = readFileSync(zh, 'utf8');
    expect(zhText).toContain('左肺上叶实性结节');
    expect(zhText).toContain('左肺下叶部分实性结节');
    expect(zhText).toContain('Lung-RADS 4A 类');
    expect(zhText).toContain('正式报告');
    expect(zhText).toContain(`${FIXTURE_MODEL.id} ${FIXTURE_MODEL.version}`);
    expect(zhText).not.toContain('右肺下叶'); // the rejected finding is not reported
    const enText = readFileSync(en, 'utf8');
    expect(enText).toContain('Left upper lobe solid nodule, 11.2 × 8.6 mm (mean diameter 9.9 mm)');
    expect(enText).toContain('physician-confirmed');
    const report = structuredReportSchema.parse(JSON.parse(readFileSync(json, 'utf8')));
    expect(report.status).toBe('final');
    expect(report.models).toEqual([{ ...FIXTURE_MODEL, analysisIds: [analysisId] }]);
  });

  it('adds an addendum after final: radiologist only, signed, shown in the text', async () => {
    await expect(act({ action: 'sign', status: 'addendum' })).rejects.toMatchObject({ code: 'SIGN_OFF_BLOCKED' });
    await act({ action: 'set-text', field: 'addendum', after: '与外院CT对比，左肺上叶结节未见增大。' });
    const signed = await act({ action: 'sign', status: 'addendum' });
    expect(signed.status).toBe('addendum');
    expect(studyStatus()).toBe('final');
    const text = await call<{ text: string }>('reports:renderText', { studyInstanceUID: ct.study, lang: 'zh-CN' });
    expect(text.text).toContain('补充报告：\n与外院CT对比，左肺上叶结节未见增大。');
    expect(text.text).toContain('正式报告（含补充）');
  });

  it('refuses an unknown format and a bad UID with a clear error and a non-zero exit', () => {
    const unknown = runYingdu(['report', 'export', ct.study, '--format', 'docx', '--out', path.join(ct.dir, 'x'), '--data', ct.dir]);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toMatch(/INVALID_ARGUMENT.*docx.*text, json/);
    const bad = runYingdu(['review', '../etc/passwd', '--data', ct.dir, '--json']);
    expect(bad.status).not.toBe(0);
    const missing = runYingdu(['review', '1.2.3.4', '--data', ct.dir]);
    expect(missing.stderr).toMatch(/NOT_FOUND/);
  });
});
