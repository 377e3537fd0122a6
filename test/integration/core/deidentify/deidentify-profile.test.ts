// Every attribute of PS3.15 Table E.1-1, planted into a real CT file (top level and inside a
// sequence item), must come out as its Basic Profile action says; the pixel data must not change.
// pydicom and dcmdump read the result as independent references.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIDENTIALITY_PROFILE } from '../../../../electron/core/deidentify/confidentiality-profile-table';
import { deidentifyBytes } from '../../../../electron/core/deidentify/deidentify-files';
import { resolveAction } from '../../../../electron/core/deidentify/profile-actions';
import { UidRemapper } from '../../../../electron/core/deidentify/uid-remapper';
import { readValidatedDataset } from '../../../../electron/core/dicom/dcmjs-dataset';
import { writePart10 } from '../../../../electron/core/dicom-objects/part10-writer';
import { type DicomDataset as DcmjsDict, type DicomElement as DcmjsElement, standardVr } from '../../../../electron/core/dicom-objects/data-dictionary';
import { dcmdump, runPydicom } from '../../../support/dicom-reference-tools';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../../../support/shared-data';

const CT_FILE = sharedData('ct-chest-lung-pet-ct-dx', 'A0002', 'series-B70f', '1-05.dcm');
const CT = '1.2.840.10008.5.1.4.1.1.2';
/** Referenced Series Sequence is not in the table: the planted item inside it must be cleaned too. */
const CARRIER_SEQUENCE = '00081115';
const MARK = 'SECRETPHI';
const SECRET = Buffer.from([0x53, 0x45, 0x43, 0x52]); // "SECR" in binary values

const rows = CONFIDENTIALITY_PROFILE.filter((r) => /^[0-9a-f]{8}$/.test(r.id));

function planted(vr: string, n: number): DcmjsElement {
  switch (vr) {
    case 'DA':
      return { vr, Value: ['20210304'] };
    case 'TM':
      return { vr, Value: ['101112'] };
    case 'DT':
      return { vr, Value: ['20210304101112'] };
    case 'PN':
      return { vr, Value: [{ Alphabetic: `${MARK}^Person` }] };
    case 'UI':
      return { vr, Value: [`1.2.826.0.1.3680043.99999.${n}`] };
    case 'SQ':
      return { vr, Value: [{ '00100010': { vr: 'PN', Value: [{ Alphabetic: `${MARK}^Nested` }] }, '00080100': { vr: 'SH', Value: [`${MARK}C`] } }] };
    case 'AS':
      return { vr, Value: ['042Y'] };
    case 'AE':
    case 'CS':
      return { vr, Value: [MARK] };
    case 'DS':
    case 'IS':
    case 'US':
      return { vr, Value: [7] };
    case 'UR':
      return { vr, Value: [`http://${MARK.toLowerCase()}.example`] };
    case 'OB':
    case 'UN':
      return { vr, Value: [Uint8Array.from([...SECRET, ...SECRET]).buffer] };
    default:
      return { vr, Value: [`${MARK} ${n}`] };
  }
}

function vrOf(tag: string): string {
  return standardVr(tag) ?? 'LO';
}

const pydicom = (script: string, file: string) => runPydicom(script, file);

describe.skipIf(!HAS_SHARED)(`de-identification, every Table E.1-1 attribute${HAS_SHARED ? '' : ` (skipped: ${SHARED_MISSING_REASON})`}`, () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'yingdu-deid-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const original = readValidatedDataset(readFileSync(CT_FILE));
  const dict: DcmjsDict = { ...original.dict };
  const nested: DcmjsDict = {};
  rows.forEach((row, n) => {
    const tag = row.id.toUpperCase();
    dict[tag] = planted(vrOf(row.tag), n + 1);
    nested[tag] = planted(vrOf(row.tag), n + 1);
  });
  dict[CARRIER_SEQUENCE] = { vr: 'SQ', Value: [nested] };
  // Curves, overlays and private attributes (the mask and private rows of the table).
  dict['50000010'] = { vr: 'US', Value: [1] };
  dict['50003000'] = { vr: 'OW', Value: [Uint8Array.from([1, 2, 3, 4]).buffer] };
  Object.assign(dict, {
    '60000010': { vr: 'US', Value: [2] },
    '60000011': { vr: 'US', Value: [2] },
    '60000040': { vr: 'CS', Value: ['G'] },
    '60000050': { vr: 'SS', Value: [1, 1] },
    '60000100': { vr: 'US', Value: [1] },
    '60000102': { vr: 'US', Value: [0] },
    '60003000': { vr: 'OW', Value: [Uint8Array.from([0xff, 0, 0, 0]).buffer] },
    '60004000': { vr: 'LT', Value: [`${MARK} overlay`] },
    '00991010': { vr: 'LO', Value: [`${MARK} private`] },
    '00990010': { vr: 'LO', Value: ['YINGDU TEST CREATOR'] },
  });
  const input = path.join(work, 'planted.dcm');
  const plantedBytes = writePart10(original.meta, dict);
  writeFileSync(input, plantedBytes);

  const secret = Buffer.alloc(32, 7);
  const result = deidentifyBytes(plantedBytes, new UidRemapper(secret));
  const output = path.join(work, 'clean.dcm');
  writeFileSync(output, result.bytes);
  const clean = readValidatedDataset(result.bytes).dict;
  const expectedUids = new UidRemapper(secret);

  function checkLevel(planted: DcmjsDict, cleaned: DcmjsDict, where: string) {
    let checked = 0;
    for (const row of rows) {
      const tag = row.id.toUpperCase();
      const before = planted[tag];
      const after = cleaned[tag];
      const action = resolveAction(row, CT);
      const context = `${where} ${row.tag} ${row.name} (${row.basicProfile} → ${action})`;
      if (action === 'X') {
        expect(after, context).toBeUndefined();
      } else if (action === 'Z') {
        expect(after, context).toBeDefined();
        // Zero length on disk; dcmjs reads an empty text element back as [""].
        expect((after?.Value ?? []).every((v: unknown) => v === ''), context).toBe(true);
      } else if (action === 'U' && before?.vr === 'UI') {
        const value = after?.Value?.[0];
        expect(value, context).toBe(expectedUids.map(before.Value?.[0] as string));
        expect(value, context).toMatch(/^2\.25\.\d{1,39}$/);
      } else {
        // D (and U on non-UID attributes): present, non-empty, and nothing of the original left.
        expect(after, context).toBeDefined();
        expect(after?.Value?.length ?? 0, context).toBeGreaterThan(0);
        expect(JSON.stringify(after?.Value), context).not.toContain(MARK);
        if (before?.vr === 'UI') expect(after?.Value?.[0], context).not.toBe(before.Value?.[0]);
      }
      checked += 1;
    }
    return checked;
  }

  it('applies the resolved action of all table attributes, at the top level and inside a sequence item', () => {
    expect(rows.length).toBe(617);
    expect(checkLevel(dict, clean, 'top level')).toBe(617);
    const cleanedItem = (clean[CARRIER_SEQUENCE]?.Value?.[0] ?? {}) as DcmjsDict;
    expect(checkLevel(nested, cleanedItem, 'nested')).toBe(617);
  });

  it('leaves none of the planted identifying text or UIDs anywhere in the file', () => {
    const bytes = Buffer.from(result.bytes);
    expect(bytes.includes(MARK)).toBe(false);
    expect(bytes.includes(MARK.toLowerCase())).toBe(false);
    expect(bytes.includes(SECRET)).toBe(false);
    expect(bytes.includes('1.2.826.0.1.3680043.99999.')).toBe(false);
    expect(bytes.includes('Lung_Dx-A0002')).toBe(false);
    expect(bytes.includes(original.instance.sopInstanceUID)).toBe(false);
  });

  it('removes curves, the whole overlay group, all private attributes, and marks the profile', () => {
    expect(Object.keys(clean).filter((t) => /^50|^60/.test(t))).toEqual([]);
    expect(Object.keys(clean).filter((t) => Number.parseInt(t.slice(0, 4), 16) % 2 === 1)).toEqual([]);
    expect(result.changes.privateAttributesRemoved).toBeGreaterThan(10);
    expect(clean['00120062']?.Value).toEqual(['YES']);
    const code = clean['00120064']?.Value?.[0] as DcmjsDict;
    expect(code['00080100']?.Value).toEqual(['113100']);
    expect(code['00080102']?.Value).toEqual(['DCM']);
  });

  it('is read by pydicom and dcmdump with the pixel data byte-identical and the meta header matching', () => {
    const script = `
import sys, hashlib, pydicom
ds = pydicom.dcmread(sys.argv[1])
print(hashlib.sha256(ds.PixelData).hexdigest(), ds.SOPInstanceUID == ds.file_meta.MediaStorageSOPInstanceUID, str(ds.PatientName) == '', ds.PatientIdentityRemoved)`;
    const [beforeHash] = pydicom(script, CT_FILE).split(' ');
    const [afterHash, metaMatches, nameEmpty, removed] = pydicom(script, output).split(' ');
    expect(afterHash).toBe(beforeHash);
    expect([metaMatches, nameEmpty, removed]).toEqual(['True', 'True', 'YES']);
    const dump = dcmdump(output, '-q');
    expect(dump.status, dump.stderr).toBe(0);
    expect(dump.stdout).toContain('(0012,0062) CS [YES]');
  });
});
