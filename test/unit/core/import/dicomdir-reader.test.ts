// The DICOMDIR reader on pydicom's real DICOMDIR variants (Debian python3-pydicom): the same
// 31 Referenced File IDs whatever the transfer syntax or record order, and a DICOMDIR whose
// record lengths are damaged is reported as incomplete rather than thrown away.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDicomdir } from '../../../../electron/core/import/dicomdir-reader';

const DIR = '/usr/lib/python3/dist-packages/pydicom/data/test_files/dicomdirtests';
const read = (name: string) => readDicomdir(readFileSync(path.join(DIR, name)));
const fileIds = (name: string) => read(name).records.filter((r) => r.fileId.length > 0).map((r) => r.fileId.join('/')).sort();

describe.skipIf(!existsSync(DIR))('readDicomdir', () => {
  it('lists the image records of a dcmmkdir DICOMDIR with their Referenced File IDs', () => {
    const { records, complete } = read('DICOMDIR');
    expect(complete).toBe(true);
    expect(records.map((r) => r.type).slice(0, 4)).toEqual(['PATIENT', 'STUDY', 'SERIES', 'IMAGE']);
    expect(records[3]!.fileId).toEqual(['77654033', 'CR1', '6154']);
    expect(fileIds('DICOMDIR')).toHaveLength(31);
  });

  it.each(['DICOMDIR-bigEnd', 'DICOMDIR-implicit', 'DICOMDIR-reordered', 'DICOMDIR-nopatient'])(
    'reads %s to the same files (big endian, implicit VR, reordered records, invalid record type)',
    (variant) => {
      expect(fileIds(variant)).toEqual(fileIds('DICOMDIR'));
    },
  );

  it('reports a DICOMDIR with damaged lengths as incomplete and keeps the records before the damage', () => {
    const { records, complete } = read('DICOMDIR-nooffset');
    expect(complete).toBe(false);
    expect(records.filter((r) => r.fileId.length > 0).length).toBeGreaterThan(0);
  });

  it('reads an empty DICOMDIR as no records', () => {
    expect(read('DICOMDIR-empty.dcm')).toEqual({ records: [], complete: true });
  });

  it('rejects a file that is not a DICOMDIR with NOT_DICOM', () => {
    expect(() => readDicomdir(readFileSync(path.join(DIR, 'README.txt')))).toThrow(expect.objectContaining({ code: 'NOT_DICOM' }));
  });
});
