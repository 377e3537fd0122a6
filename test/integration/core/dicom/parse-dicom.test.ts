// parseDicom on every real DICOM file in ../shared/data (CT, head CT with gantry tilt, 547 DWI
// files sampled, WG04 in every compression, dcmqi SEG/SR/parametric maps), field by field against
// dcmtk's dcmdump as the reference reader. pydicom's corpus is covered by robustness-corpus.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDicom } from '../../../../electron/core/dicom/parse-dicom';
import type { ParsedInstance } from '../../../../electron/core/dicom/parsed-instance';
import { describeSopClass } from '../../../../electron/core/dicom/sop-classes';
import { HAS_SHARED, SHARED_DATA, SHARED_MISSING_REASON } from '../../../support/shared-data';

const HAS_DCMDUMP = spawnSync('dcmdump', ['--version']).status === 0;
const NOT_DICOM = /\.(txt|md|json|xml)$/;

/** Every real file, but only every 8th of the 547-file DWI series (one acquisition; sampling keeps CI short). */
function realFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    const names = readdirSync(dir).sort();
    const sampled = path.basename(dir) === 'mr-brain-dwi-philips' ? names.filter((_, i) => i % 8 === 0) : names;
    for (const name of sampled) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) {
        if (name !== 'pydicom') walk(full);
      } else if (!NOT_DICOM.test(name)) out.push(full);
    }
  };
  walk(SHARED_DATA);
  return out;
}

type Field = keyof ParsedInstance;
/** Field ← tag, and how dcmdump's text becomes our value. */
const FIELDS: Array<[Field, string, 'text' | 'number' | 'numbers']> = [
  ['transferSyntaxUID', '0002,0010', 'text'],
  ['sopClassUID', '0008,0016', 'text'],
  ['sopInstanceUID', '0008,0018', 'text'],
  ['studyDate', '0008,0020', 'text'],
  ['modality', '0008,0060', 'text'],
  ['patientID', '0010,0020', 'text'],
  ['studyInstanceUID', '0020,000d', 'text'],
  ['seriesInstanceUID', '0020,000e', 'text'],
  ['seriesNumber', '0020,0011', 'number'],
  ['instanceNumber', '0020,0013', 'number'],
  ['imagePositionPatient', '0020,0032', 'numbers'],
  ['imageOrientationPatient', '0020,0037', 'numbers'],
  ['frameOfReferenceUID', '0020,0052', 'text'],
  ['samplesPerPixel', '0028,0002', 'number'],
  ['photometricInterpretation', '0028,0004', 'text'],
  ['numberOfFrames', '0028,0008', 'number'],
  ['rows', '0028,0010', 'number'],
  ['columns', '0028,0011', 'number'],
  ['pixelSpacing', '0028,0030', 'numbers'],
  ['bitsAllocated', '0028,0100', 'number'],
  ['sliceThickness', '0018,0050', 'number'],
];
const FUNCTIONAL_GROUPS = ['(5200,9229)', '(5200,9230)'];

/** One dcmdump run over all files: per file, tag path → printed value (+L: values not shortened; -M: pixel data not loaded). */
function dcmdumpValues(files: string[]): Map<string, Map<string, string>> {
  const args = ['+F', '+p', '+L', '-M', '-q', '-Un', ...[...FIELDS.map(([, t]) => t), '7fe0,0010'].flatMap((t) => ['+P', t]), ...files];
  const run = spawnSync('dcmdump', args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const result = new Map<string, Map<string, string>>();
  let current: Map<string, string> | null = null;
  for (const line of run.stdout.split('\n')) {
    const header = /^# dcmdump \(\d+\/\d+\): (.*)$/.exec(line);
    if (header) {
      current = new Map();
      result.set(header[1]!, current);
      continue;
    }
    const element = /^(\S+) (\w\w) (.*?)\s+#\s*(?:\d+|u\/l),\s*\d+ /.exec(line);
    if (!element || !current) continue;
    const [, tagPath, , raw] = element;
    const value = raw!.startsWith('[') ? raw!.slice(1, raw!.lastIndexOf(']')) : raw!.startsWith('(no value') ? '' : raw!;
    if (!current.has(tagPath!)) current.set(tagPath!, value.trim());
  }
  return result;
}

function expectedValue(values: Map<string, string>, tag: string, kind: 'text' | 'number' | 'numbers'): unknown {
  const top = values.get(`(${tag})`);
  const nested = [...values.entries()].find(([p]) => FUNCTIONAL_GROUPS.some((g) => p.startsWith(g)) && p.endsWith(`(${tag})`))?.[1];
  const text = top ?? (['0020,0032', '0020,0037', '0028,0030', '0018,0050'].includes(tag) ? nested : undefined);
  if (kind === 'text') return text ?? '';
  if (text === undefined || text === '') return null;
  const numbers = text.split('\\').map((v) => Number(v.trim()));
  if (kind === 'number') return numbers[0];
  return numbers;
}

describe.skipIf(!HAS_SHARED || !HAS_DCMDUMP)(`parseDicom on real data (${HAS_SHARED ? 'vs dcmdump' : SHARED_MISSING_REASON})`, () => {
  const files = HAS_SHARED ? realFiles() : [];

  it('reads every real file with the same values as dcmdump', () => {
    expect(files.length).toBeGreaterThan(300);
    const reference = dcmdumpValues(files);
    const mismatches: string[] = [];
    for (const file of files) {
      const values = reference.get(file);
      expect(values, `dcmdump did not read ${file}`).toBeDefined();
      const parsed = parseDicom(readFileSync(file));
      for (const [field, tag, kind] of FIELDS) {
        const want = expectedValue(values!, tag, kind);
        const got = parsed[field];
        if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${path.relative(SHARED_DATA, file)} ${field}: ${JSON.stringify(got)} ≠ dcmdump ${JSON.stringify(want)}`);
      }
      if (parsed.hasPixelData !== values!.has('(7fe0,0010)')) mismatches.push(`${file} hasPixelData ${parsed.hasPixelData}`);
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
  });

  it('keeps the SOP Class of non-image objects and names it', () => {
    const seg = parseDicom(readFileSync(path.join(SHARED_DATA, 'conformance', 'dcmqi', 'sr-example', 'seg.dcm')));
    const sr = parseDicom(readFileSync(path.join(SHARED_DATA, 'conformance', 'dcmqi', 'sr-example', 'sr.dcm')));
    expect(describeSopClass(seg.sopClassUID)).toMatchObject({ name: 'SEG', kind: 'seg' });
    expect(seg.hasPixelData).toBe(true);
    expect(describeSopClass(sr.sopClassUID)).toMatchObject({ kind: 'sr' });
    expect(sr.hasPixelData).toBe(false);
  });
});
