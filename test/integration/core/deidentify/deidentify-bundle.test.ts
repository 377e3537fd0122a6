// A bundle de-identified in one call: real CT series (two kernels of one acquisition), the dcmqi
// SEG + TID 1500 SR + RWVM set and a multi-frame SEG. UIDs must map consistently across files
// (references stay intact), identities must go, and dciodvfy must find no error the input lacked.
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DicomDataset as DcmjsDict } from '../../../../electron/core/dicom-objects/data-dictionary';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeidentifiedFile, deidentifyPath } from '../../../../electron/core/deidentify/deidentify-files';
import { readValidatedDataset } from '../../../../electron/core/dicom/dcmjs-dataset';
import { dciodvfy } from '../../../support/dicom-reference-tools';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../../../support/shared-data';

const first = (dict: DcmjsDict, tag: string) => dict[tag]?.Value?.[0];
const read = (file: string) => readValidatedDataset(readFileSync(file)).dict;
/** dciodvfy errors without values and item numbers, so a remapped UID is not a "new" error. */
const errorKinds = (file: string) => new Set(dciodvfy(file).errors.map((e) => e.replace(/\[\d+\]/g, '').replace(/= <[^>]*>/g, '= <>')));

function collectUids(value: unknown, out: string[]): void {
  if (Array.isArray(value)) value.forEach((v) => collectUids(v, out));
  else if (value && typeof value === 'object') {
    for (const [tag, element] of Object.entries(value as DcmjsDict)) {
      if (tag === '00081155' || tag === '0020000E' || tag === '0020000D') (element?.Value ?? []).forEach((v: unknown) => typeof v === 'string' && out.push(v));
      else if (element?.vr === 'SQ') collectUids(element.Value, out);
    }
  }
}

describe.skipIf(!HAS_SHARED)(`de-identified bundle${HAS_SHARED ? '' : ` (skipped: ${SHARED_MISSING_REASON})`}`, () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'yingdu-deid-bundle-'));
  let ct: DeidentifiedFile[] = [];
  let dcmqi: DeidentifiedFile[] = [];
  beforeAll(async () => {
    // The study folder also holds the XML annotations: they are reported as skipped, not copied.
    ct = await deidentifyPath(sharedData('ct-chest-lung-pet-ct-dx', 'A0002'), path.join(work, 'ct'));
    dcmqi = await deidentifyPath(sharedData('conformance', 'dcmqi', 'sr-example'), path.join(work, 'dcmqi'));
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('maps each original UID to one new UID across all files, injectively, and keeps the study together', () => {
    const written = ct.filter((f) => f.output);
    expect(written).toHaveLength(60);
    expect(ct.filter((f) => f.skipped).every((f) => f.skipped?.code === 'NOT_DICOM' && f.input.endsWith('.xml'))).toBe(true);
    const mapping = new Map<string, string>();
    for (const file of written) {
      const before = read(file.input);
      const after = read(file.output as string);
      for (const tag of ['0020000D', '0020000E', '00200052', '00080018']) {
        const original = first(before, tag) as string;
        const replaced = first(after, tag) as string;
        expect(replaced).toMatch(/^2\.25\.\d+$/);
        expect(mapping.get(original) ?? replaced, `${tag} mapped twice differently`).toBe(replaced);
        mapping.set(original, replaced);
      }
      expect(first(after, '00100010') ?? '').toEqual('');
      expect(first(after, '00100020') ?? '').toBe('');
      expect(after['00080021']).toBeUndefined();
      expect(after['00181030']).toBeUndefined();
      expect(Object.keys(after).some((t) => Number.parseInt(t.slice(0, 4), 16) % 2 === 1)).toBe(false);
    }
    expect(new Set(mapping.values()).size).toBe(mapping.size);
    expect(new Set(written.map((f) => first(read(f.output as string), '0020000D'))).size).toBe(1);
    expect(new Set(written.map((f) => first(read(f.output as string), '0020000E'))).size).toBe(2);
  });

  it('keeps the SR → SEG → image references resolvable inside the bundle', () => {
    const byClass = (sop: string) => dcmqi.find((f) => f.sopClassUID === sop)?.output as string;
    const seg = read(byClass('1.2.840.10008.5.1.4.1.1.66.4'));
    const sr = read(byClass('1.2.840.10008.5.1.4.1.1.88.33'));
    const srReferences: string[] = [];
    collectUids(sr['0040A375']?.Value, srReferences);
    collectUids(sr['0040A730']?.Value, srReferences);
    expect(srReferences).toContain(first(seg, '00080018'));
    // The SEG's source series, as the SR's evidence names it, is the SEG's own referenced series.
    const segSources: string[] = [];
    collectUids(seg['00081115']?.Value, segSources);
    expect(segSources.length).toBeGreaterThan(0);
    expect(segSources.every((uid) => srReferences.includes(uid))).toBe(true);
    // Person names inside the SR content tree are replaced, not kept.
    expect(JSON.stringify(sr['0040A730'])).not.toContain('User2');
  });

  it('adds no dciodvfy error to the CT, SEG, SR and RWVM objects', () => {
    const samples = [...ct.filter((f) => f.output).slice(0, 2), ...dcmqi];
    for (const file of samples) {
      const before = errorKinds(file.input);
      const added = [...errorKinds(file.output as string)].filter((e) => !before.has(e));
      expect(added, path.basename(file.input)).toEqual([]);
    }
  });
});
