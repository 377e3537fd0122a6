// The PDF report and the DICOM Encapsulated PDF of a real reviewed, signed chest CT (Lung-PET-CT-Dx
// A0002 with the fixture lung CAD analysis, its nodules moved onto a slice of the imported
// series): poppler's pdftotext reads back the Chinese and the English text, pdfimages lists the
// key images, dciodvfy finds no error in the Encapsulated PDF, and dcmdump and pydicom read it
// with the embedded document byte for byte the PDF export — both written by the built CLI — and
// the `reports:export` request of the review panel returns those same bytes.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSeriesVolumes } from '../../../../../electron/core/volumes/series-volumes';
import type { Finding } from '../../../../../electron/shared/ai-results';
import type { StudyReview, UserProfile } from '../../../../../electron/shared/reports';
import { FIXTURE_FINDINGS, FIXTURE_MODEL, storeFixtureAnalysis } from '../../../../support/analysis-fixture';
import { dciodvfy, dcmdump, runPydicom } from '../../../../support/dicom-reference-tools';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../../../../support/shared-data';
import { runYingdu } from '../../../cli/cli-support';
import { importedChestCt } from '../../imported-chest-ct';

const poppler = (tool: string, ...args: string[]) => {
  const run = spawnSync(tool, args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${tool} failed: ${run.stderr}`);
  return run.stdout;
};

describe.skipIf(!HAS_SHARED)(`PDF and Encapsulated PDF report export (${HAS_SHARED ? 'A0002' : SHARED_MISSING_REASON})`, () => {
  const ct = importedChestCt('yingdu-pdf-report-');
  const exportWith = (format: string, lang: string) => {
    const out = path.join(ct.dir, `report-${lang}.${format === 'pdf' ? 'pdf' : 'dcm'}`);
    const run = runYingdu(['report', 'export', ct.study, '--format', format, '--out', out, '--lang', lang, '--data', ct.dir, '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ path: out, format });
    return out;
  };

  beforeAll(async () => {
    // The fixture nodules keep their in-plane position (and so their side) and move onto the middle slice.
    const [volume] = await loadSeriesVolumes({ db: ct.core.db, storeDir: ct.core.layout.store }, ct.series);
    const k = Math.floor((volume?.dimensions[2] ?? 1) / 2);
    const z = (volume?.origin[2] ?? 0) + (volume?.direction[2][2] ?? 1) * (volume?.spacing[2] ?? 1) * k;
    const onSlice = FIXTURE_FINDINGS.map((f): Finding => {
      const [x, y, z0] = f.centerLPS ?? [0, 0, 0];
      const moved: Finding = { ...f, centerLPS: [x, y, z] };
      if (f.boundsLPS) moved.boundsLPS = f.boundsLPS.map(([bx, by, bz]) => [bx, by, bz - z0 + z]) as [[number, number, number], [number, number, number]];
      return moved;
    });
    const analysisId = storeFixtureAnalysis(ct.core.db, ct.study, ct.series, onSlice).analysisId;
    const { call } = ct;
    const act = (event: unknown) => call<StudyReview>('review:act', { studyInstanceUID: ct.study, event });
    const reader = await call<UserProfile>('review:createUser', { name: '王主任', role: 'radiologist' });
    await call('review:setCurrentUser', { id: reader.id });
    await act({ action: 'accept', finding: { analysisId, findingId: 'f1' } });
    await act({ action: 'reject', finding: { analysisId, findingId: 'f2' }, reason: 'vessel' });
    await act({ action: 'edit', finding: { analysisId, findingId: 'f3' }, after: { longAxisMm: 10, shortAxisMm: 7, consistency: 'part-solid', solidComponentMm: 6.5 } });
    let review = await act({ action: 'set-text', field: 'impression', after: '左肺上叶实性结节，Lung-RADS 4A 类。左肺下叶部分实性结节，Lung-RADS 4A 类。' });
    for (const w of review.report.warnings.filter((x) => !x.acknowledged)) review = await act({ action: 'acknowledge', warningKey: w.key });
    review = await act({ action: 'sign', status: 'final' });
    expect(review.status).toBe('final');
  }, 180_000);

  it('writes a Chinese PDF whose text pdftotext reads back, with one key image per kept finding', () => {
    const pdf = exportWith('pdf', 'zh-CN');
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = poppler('pdftotext', '-layout', '-enc', 'UTF-8', pdf, '-');
    // The header names the patient from the stored images (A0002's Patient's Name is its TCIA id).
    expect(text).toMatch(/患者姓名：Lung_Dx-A0002\s/);
    expect(text).toMatch(/性别：女\s/);
    for (const expected of ['胸部CT检查报告', '左肺上叶实性结节', '左肺下叶部分实性结节', 'Lung-RADS 4A 类', '正式报告', '王主任', '放射科医师', '诊断意见', '关键图像']) {
      expect(text).toContain(expected);
    }
    expect(text).toContain(`${FIXTURE_MODEL.id} ${FIXTURE_MODEL.version}`);
    expect(text).toContain('本报告由人工智能辅助生成，经医师审核确认');
    // The font is embedded as a subset (pdffonts: "emb sub" yes yes), not referenced.
    expect(poppler('pdffonts', pdf)).toMatch(/YINGDU\+DroidSansFallbackFull\s+CID TrueType\s+Identity-H\s+yes\s+yes/);
    // Key images: the accepted f1 and the edited f3 (the rejected f2 has none), 8-bit RGB PNGs.
    const images = poppler('pdfimages', '-list', pdf).split('\n').slice(2).filter((l) => l.trim());
    expect(images).toHaveLength(2);
    for (const line of images) expect(line).toMatch(/\bimage\s+\d+\s+\d+\s+rgb\s+3\s+8\b/);
  });

  it('draws the key image box where pydicom places the finding on the slice', () => {
    // pdfimages writes the embedded RGB images as PPM; the red box's extent in pixels must match
    // the accepted nodule's bounds mapped with the slice's own geometry (IPP, pixel spacing).
    const prefix = path.join(ct.dir, 'key');
    poppler('pdfimages', path.join(ct.dir, 'report-zh-CN.pdf'), prefix);
    const ppm = readFileSync(`${prefix}-000.ppm`);
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 32).toString('latin1'));
    const [width, height] = [Number(header?.[1]), Number(header?.[2])];
    const pixels = ppm.subarray(header?.[0].length ?? 0);
    const red = { x0: Infinity, y0: Infinity, x1: -1, y1: -1 };
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const o = (y * width + x) * 3;
        if (pixels[o] === 255 && pixels[o + 1] === 40 && pixels[o + 2] === 40) Object.assign(red, { x0: Math.min(red.x0, x), y0: Math.min(red.y0, y), x1: Math.max(red.x1, x), y1: Math.max(red.y1, y) });
      }
    }
    const slice = readdirSync(sharedData('ct-chest-lung-pet-ct-dx', 'A0002', 'series-B40f'))[0] ?? '';
    const [ippX, ippY, spacing, columns] = runPydicom(
      `
import sys, pydicom
ds = pydicom.dcmread(sys.argv[1], stop_before_pixels=True)
assert [float(v) for v in ds.ImageOrientationPatient] == [1, 0, 0, 0, 1, 0]
print(ds.ImagePositionPatient[0]); print(ds.ImagePositionPatient[1]); print(ds.PixelSpacing[1]); print(ds.Columns)`,
      path.join(sharedData('ct-chest-lung-pet-ct-dx', 'A0002', 'series-B40f'), slice),
    )
      .split('\n')
      .map(Number) as [number, number, number, number];
    const scale = columns / width; // the key image is the slice reduced to at most 256 pixels
    const [[bx0, by0], [bx1, by1]] = FIXTURE_FINDINGS[0]?.boundsLPS ?? [[0, 0], [0, 0]];
    const expected = [(bx0 - ippX) / spacing / scale, (by0 - ippY) / spacing / scale, (bx1 - ippX) / spacing / scale, (by1 - ippY) / spacing / scale];
    [red.x0, red.y0, red.x1, red.y1].forEach((actual, i) => expect(Math.abs(actual - (expected[i] ?? 0))).toBeLessThanOrEqual(1));
  });

  it('writes the English PDF with the same findings, and the impression as the reader wrote it', () => {
    const text = poppler('pdftotext', '-enc', 'UTF-8', exportWith('pdf', 'en'), '-').replace(/\s+/g, ' ');
    for (const expected of ['Chest CT report', 'Left upper lobe solid nodule', 'Lung-RADS category 4A', 'physician-confirmed', 'Key images', 'Final']) {
      expect(text).toContain(expected);
    }
    expect(text).toContain('左肺上叶实性结节，Lung-RADS 4A 类。');
    // The rejected nodule is in the review table as rejected, and not in the reported findings.
    expect(text).toMatch(/Right lower lobe solid nodule 5\.0 × 4\.2 2 rejected/);
    expect(text.slice(text.indexOf('Findings 1.'), text.indexOf('Impression'))).not.toContain('Right lower lobe');
  });

  it('writes an Encapsulated PDF that dciodvfy, dcmdump and pydicom accept, carrying the PDF export byte for byte', () => {
    const pdf = path.join(ct.dir, 'report-en.pdf');
    const dcm = exportWith('encapsulated-pdf', 'en');
    const check = dciodvfy(dcm);
    expect(check.errors, check.output).toEqual([]);
    const dump = dcmdump(dcm, '-q').stdout;
    expect(dump).toContain('(0042,0012) LO [application/pdf]');
    expect(dump).toContain(`(0020,000d) UI [${ct.study}]`);
    const back = path.join(ct.dir, 'back.pdf');
    const [sopClass, title] = runPydicom(
      `
import sys, pydicom
ds = pydicom.dcmread(sys.argv[1])
open(sys.argv[2], 'wb').write(ds.EncapsulatedDocument[: ds.EncapsulatedDocumentLength])
print(ds.SOPClassUID); print(ds.DocumentTitle)`,
      dcm,
      back,
    ).split('\n');
    expect(sopClass).toBe('1.2.840.10008.5.1.4.1.1.104.1');
    expect(title).toBe('Chest CT report');
    expect(Buffer.compare(readFileSync(back), readFileSync(pdf))).toBe(0);
  });

  it('returns the same PDF bytes through the reports:export request the review panel uses', async () => {
    const result = await ct.core.dispatch('reports:export', { studyInstanceUID: ct.study, lang: 'en', format: 'pdf' });
    if (!result.ok) throw new Error(result.error.message);
    const document = result.value as { fileName: string; mimeType: string; base64: string };
    expect(document).toMatchObject({ fileName: 'report-en.pdf', mimeType: 'application/pdf' });
    expect(Buffer.compare(Buffer.from(document.base64, 'base64'), readFileSync(path.join(ct.dir, 'report-en.pdf')))).toBe(0);
    const bad = await ct.core.dispatch('reports:export', { studyInstanceUID: ct.study, lang: 'fr', format: 'pdf' });
    expect(bad.ok ? '' : bad.error.code).toBe('INVALID_ARGUMENT');
  });
});
