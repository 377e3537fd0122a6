// The parser against broken input: pydicom's corpus (with its deliberately broken files),
// cross-checked with dcmtk's dcmdump, and 600+ files mutated from real ones with a seeded PRNG
// (truncation, corrupted VR and length bytes, absurd lengths, 10,000 nested sequences, pixel data
// shorter than declared, random byte damage). Every parse runs in DicomParsePool with a per-file
// time limit, so a hang shows up as UNAVAILABLE and a crash (any non-AppError) as INTERNAL.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DicomParsePool, type DicomParseOutcome } from '../../../../electron/core/dicom/dicom-parse-pool';
import { isErrorCode } from '../../../../electron/shared/result';
import { buildDicomFile, identityElements, IMPLICIT_LE, nestedSequences } from '../../../support/dicom-file-builder';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../../../support/shared-data';
import { seededRandom } from '../../../support/seeded-random';

const PYDICOM_DIR = sharedData('conformance', 'pydicom');
const HAS_DCMDUMP = spawnSync('dcmdump', ['--version']).status === 0;

/** The deliberately broken files and what we answer (README.txt of the corpus says what is wrong). */
const EXPECTED_REJECTIONS: Record<string, string> = {
  'MR_truncated.dcm': 'TRUNCATED', // pixel data cut short
  'rtplan_truncated.dcm': 'TRUNCATED', // ends inside a sequence item
  'emri_small_jpeg_2k_lossless_too_short.dcm': 'TRUNCATED', // no sequence delimiter after the fragments
  'no_meta.dcm': 'NOT_DICOM', // starts one byte off: no preamble and no valid first element (dcmdump fails too)
  // Number of Frames is the IS value "1A": the frame layout of the pixel data is unknown.
  'badVR.dcm': 'BAD_VR',
  // Syntactically fine but without the UIDs a study/series store needs (dcmdump checks syntax only).
  'meta_missing_tsyntax.dcm': 'MISSING_UID',
  'no_meta_group_length.dcm': 'MISSING_UID',
  'nested_priv_SQ.dcm': 'MISSING_UID',
  'priv_SQ.dcm': 'MISSING_UID',
  'empty_charset_LEI.dcm': 'MISSING_UID',
};

/** Files dcmdump reads without error that we nonetheless reject, and why (see EXPECTED_REJECTIONS). */
const DCMDUMP_EXCEPTIONS = new Set([
  'badVR.dcm',
  'meta_missing_tsyntax.dcm',
  'no_meta_group_length.dcm',
  'nested_priv_SQ.dcm',
  'priv_SQ.dcm',
  'empty_charset_LEI.dcm',
]);

/** Seeds for the mutations: every transfer syntax family and object kind the corpus has. */
const SEEDS = [
  'CT_small.dcm', // Explicit VR LE, CT
  'MR_small_implicit.dcm', // Implicit VR LE
  'MR_small_bigendian.dcm', // Explicit VR BE
  'image_dfl.dcm', // Deflated
  'JPEG2000.dcm', // encapsulated J2K
  'emri_small_RLE.dcm', // encapsulated RLE, multi-frame
  'rtplan.dcm', // implicit, nested sequences, no pixels
  'test-SR.dcm', // SR content tree
  'liver_1frame.dcm', // SEG
  'ExplVR_LitEndNoMeta.dcm', // no meta header
  'bad_sequence.dcm', // UN sequence, JPEG lossless
];
const MUTATIONS_PER_SEED = 56;

const VR_NAMES = ['AE', 'AS', 'AT', 'CS', 'DA', 'DS', 'DT', 'FD', 'FL', 'IS', 'LO', 'LT', 'OB', 'OD', 'OF', 'OL', 'OW', 'PN', 'SH', 'SL', 'SQ', 'SS', 'ST', 'TM', 'UI', 'UL', 'UN', 'US', 'UT'];
const LONG = new Set(['OB', 'OD', 'OF', 'OL', 'OW', 'SQ', 'UN', 'UT']);

/** Offsets of explicit VR fields (two letters that name a VR right after a 4-byte tag). */
function vrOffsets(bytes: Uint8Array): number[] {
  const out: number[] = [];
  const names = new Set(VR_NAMES);
  for (let i = 136; i + 2 <= bytes.length; i += 1) {
    if (bytes[i]! >= 0x41 && bytes[i]! <= 0x5a && names.has(String.fromCharCode(bytes[i]!, bytes[i + 1]!))) out.push(i);
  }
  return out;
}

/** Offset of the native Pixel Data element's tag (E0 7F 10 00 … "OW"/"OB"), or -1. */
function pixelDataTag(bytes: Uint8Array): number {
  for (let i = bytes.length - 12; i >= 0; i -= 1) {
    if (bytes[i] === 0xe0 && bytes[i + 1] === 0x7f && bytes[i + 2] === 0x10 && bytes[i + 3] === 0x00) {
      const vr = String.fromCharCode(bytes[i + 4]!, bytes[i + 5]!);
      if (vr === 'OW' || vr === 'OB') return i;
    }
  }
  return -1;
}

interface Mutant {
  name: string;
  bytes: Uint8Array;
  /** The code the mutation must produce, when it can only produce one. */
  expect?: string;
}

function mutate(seedName: string, original: Uint8Array, vrs: number[], random: () => number, index: number): Mutant {
  const bytes = new Uint8Array(original);
  const pick = (n: number) => Math.floor(random() * n);
  const kind = index % 7;
  const name = `${seedName}#${index}`;
  if (kind === 0) {
    const cut = pick(bytes.length);
    return { name: `${name} truncated at ${cut}`, bytes: bytes.subarray(0, cut) };
  }
  if (kind === 1 && vrs.length > 0) {
    const at = vrs[pick(vrs.length)]!;
    bytes[at] = pick(256);
    bytes[at + 1] = pick(256);
    return { name: `${name} VR bytes at ${at}`, bytes };
  }
  if (kind === 2 && vrs.length > 0) {
    const at = vrs[pick(vrs.length)]!;
    const vr = String.fromCharCode(bytes[at]!, bytes[at + 1]!);
    const lengthAt = LONG.has(vr) ? at + 4 : at + 2;
    for (let i = 0; i < (LONG.has(vr) ? 4 : 2) && lengthAt + i < bytes.length; i += 1) bytes[lengthAt + i] = pick(256);
    return { name: `${name} length bytes at ${lengthAt}`, bytes };
  }
  if (kind === 3) {
    const longs = vrs.filter((at) => LONG.has(String.fromCharCode(bytes[at]!, bytes[at + 1]!)) && at + 8 <= bytes.length);
    if (longs.length > 0) {
      const at = longs[pick(longs.length)]!;
      new DataView(bytes.buffer).setUint32(at + 4, 0xfffffff0, true);
      return { name: `${name} length 0xFFFFFFF0 at ${at + 4}`, bytes };
    }
  }
  if (kind === 4) {
    const tagAt = pixelDataTag(bytes);
    const length = tagAt >= 0 ? new DataView(bytes.buffer).getUint32(tagAt + 8, true) : 0;
    if (tagAt >= 0 && length !== 0xffffffff && length > 2) {
      // Declared and actual length both shortened: consistent structure, too few pixels.
      const shorter = Math.max(0, length - 2 - 2 * pick(Math.floor(length / 2)));
      const out = new Uint8Array(bytes.subarray(0, tagAt + 12 + shorter));
      new DataView(out.buffer).setUint32(tagAt + 8, shorter, true);
      return { name: `${name} pixel data ${shorter} of ${length} bytes`, bytes: out, expect: 'PIXEL_DATA_LENGTH_MISMATCH' };
    }
  }
  if (kind === 5) {
    const tagAt = pixelDataTag(bytes);
    const length = tagAt >= 0 ? new DataView(bytes.buffer).getUint32(tagAt + 8, true) : 0;
    if (tagAt >= 0 && length !== 0xffffffff && length > 1) {
      const cut = tagAt + 12 + pick(length);
      return { name: `${name} truncated in pixel data at ${cut}`, bytes: bytes.subarray(0, cut), expect: 'TRUNCATED' };
    }
  }
  const flips = 1 + pick(8);
  for (let i = 0; i < flips; i += 1) bytes[pick(bytes.length)] = pick(256);
  return { name: `${name} ${flips} random bytes`, bytes };
}

describe.skipIf(!HAS_SHARED)(`DICOM parser robustness (${HAS_SHARED ? 'real corpus' : SHARED_MISSING_REASON})`, () => {
  let pool: DicomParsePool;
  beforeAll(() => {
    pool = new DicomParsePool({ size: 2, timeoutMs: 20_000 });
  });
  afterAll(async () => {
    await pool.close();
  });

  const corpus = HAS_SHARED ? readdirSync(PYDICOM_DIR).filter((f) => f.endsWith('.dcm')).sort() : [];

  /** Only AppErrors with a known code may escape: no crash (INTERNAL), no hang (UNAVAILABLE). */
  const expectClean = (name: string, outcome: DicomParseOutcome) => {
    if (outcome.ok) return;
    expect(isErrorCode(outcome.code), `${name}: unknown code ${outcome.code}`).toBe(true);
    expect(['INTERNAL', 'UNAVAILABLE'], `${name}: ${outcome.code} ${outcome.message}`).not.toContain(outcome.code);
    expect(outcome.message.length, `${name}: rejection without a message`).toBeGreaterThan(20);
  };

  it('parses every valid file of the pydicom corpus and rejects the broken ones with the expected code', async () => {
    expect(corpus.length).toBeGreaterThan(100);
    const outcomes = await Promise.all(corpus.map((f) => pool.parseFile(path.join(PYDICOM_DIR, f))));
    const answers = Object.fromEntries(corpus.map((f, i) => [f, outcomes[i]!]));
    for (const [file, outcome] of Object.entries(answers)) {
      expectClean(file, outcome);
      const expected = EXPECTED_REJECTIONS[file];
      if (expected) expect({ file, code: outcome.ok ? 'accepted' : outcome.code }).toEqual({ file, code: expected });
      else expect({ file, ok: outcome.ok, message: outcome.ok ? '' : outcome.message }).toEqual({ file, ok: true, message: '' });
    }
    const inferred = (f: string) => {
      const o = answers[f]!;
      return o.ok ? o.parsed.inferredTransferSyntax : null;
    };
    expect(inferred('ExplVR_LitEndNoMeta.dcm')).toBe(true);
    expect(inferred('ExplVR_BigEndNoMeta.dcm')).toBe(true);
    expect(inferred('CT_small.dcm')).toBe(false);
    const nonImages = ['rtplan.dcm', 'rtstruct.dcm', 'test-SR.dcm', 'reportsi.dcm'].map((f) => answers[f]!);
    for (const o of nonImages) expect(o.ok && !o.parsed.hasPixelData && o.parsed.sopClassUID !== '').toBe(true);
  });

  it.skipIf(!HAS_DCMDUMP)('accepts every corpus file dcmdump reads without error (listed exceptions aside)', async () => {
    // One dcmdump run for the whole corpus (it loads its dictionary once); it names each file it fails on.
    const dump = spawnSync('dcmdump', corpus, {
      cwd: PYDICOM_DIR,
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    const failedByDcmdump = new Set(corpus.filter((f) => dump.stderr.includes(`reading file: ${f}\n`)));
    expect([...failedByDcmdump].sort()).toEqual(['MR_truncated.dcm', 'emri_small_jpeg_2k_lossless_too_short.dcm', 'no_meta.dcm', 'rtplan_truncated.dcm']);
    const disagreements: string[] = [];
    for (const file of corpus) {
      if (failedByDcmdump.has(file) || DCMDUMP_EXCEPTIONS.has(file)) continue;
      const outcome = await pool.parseFile(path.join(PYDICOM_DIR, file));
      if (!outcome.ok) disagreements.push(`${file}: ${outcome.code} ${outcome.message}`);
    }
    expect(disagreements).toEqual([]);
  });

  // Debian's python3-pydicom ships more test files (DICOMDIR trees, an ECG waveform, J2K oddities).
  const debianDir = '/usr/lib/python3/dist-packages/pydicom/data/test_files';
  it.skipIf(!HAS_DCMDUMP || !existsSync(debianDir))('agrees with dcmdump on the test files of Debian\'s python3-pydicom', async () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir).sort()) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (!/\.(txt|json|dump|gz)$|README/.test(name)) files.push(path.relative(debianDir, full));
      }
    };
    walk(debianDir);
    const dump = spawnSync('dcmdump', files, { cwd: debianDir, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    const outcomes = await Promise.all(files.map((f) => pool.parseFile(path.join(debianDir, f))));
    const disagreements: string[] = [];
    for (const [i, file] of files.entries()) {
      const outcome = outcomes[i]!;
      expectClean(file, outcome);
      const dcmdumpFailed = dump.stderr.includes(`reading file: ${file}\n`);
      const ours = outcome.ok ? 'accepted' : outcome.code;
      // Readable by dcmdump but not importable: DICOMDIRs and a bare private sequence have no study/series
      // UIDs; DICOMDIR-nooffset's last item declares 248 bytes where 224 remain (dcmtk reads on to EOF).
      const expected = dcmdumpFailed
        ? 'rejected'
        : /DICOMDIR(?!-nooffset)|UN_sequence|empty_charset|meta_missing|nested_priv|no_meta_group|priv_SQ/.test(file)
          ? 'MISSING_UID'
          : file.endsWith('DICOMDIR-nooffset')
            ? 'TRUNCATED'
            : file === 'badVR.dcm'
              ? 'BAD_VR'
              : 'accepted';
      if (expected === 'rejected' ? outcome.ok : ours !== expected) disagreements.push(`${file}: ${ours} (expected ${expected})`);
    }
    expect(files.length).toBeGreaterThan(100);
    expect(disagreements).toEqual([]);
  });

  it('rejects 10,000 nested sequences with NESTING_TOO_DEEP and accepts 32 levels', async () => {
    const deep = buildDicomFile({ elements: [...identityElements(), nestedSequences(10_000)] });
    const deepImplicit = buildDicomFile({ elements: [...identityElements(), nestedSequences(10_000)], transferSyntax: IMPLICIT_LE });
    const fine = buildDicomFile({ elements: [...identityElements(), nestedSequences(32)] });
    const [a, b, c] = await Promise.all([pool.parse(deep), pool.parse(deepImplicit), pool.parse(fine)]);
    expect(a.ok ? 'accepted' : a.code).toBe('NESTING_TOO_DEEP');
    // The implicit file carries explicit VR bytes in its nested value, so any clean rejection will do.
    expectClean('deep implicit', b);
    expect(b.ok).toBe(false);
    expect(c.ok).toBe(true);
  });

  it(`survives ${SEEDS.length * MUTATIONS_PER_SEED} mutated files: only known codes, no crash, no hang`, async () => {
    const mutants: Mutant[] = [];
    for (const [seedIndex, seed] of SEEDS.entries()) {
      const original = readFileSync(path.join(PYDICOM_DIR, seed));
      const random = seededRandom(0x5eed + seedIndex);
      const vrs = vrOffsets(original);
      for (let i = 0; i < MUTATIONS_PER_SEED; i += 1) mutants.push(mutate(seed, original, vrs, random, i));
    }
    expect(mutants.length).toBeGreaterThanOrEqual(500);
    const outcomes = await Promise.all(mutants.map((m) => pool.parse(m.bytes)));
    const tally: Record<string, number> = {};
    for (const [i, mutant] of mutants.entries()) {
      const outcome = outcomes[i]!;
      expectClean(mutant.name, outcome);
      if (mutant.expect) expect({ name: mutant.name, code: outcome.ok ? 'accepted' : outcome.code }).toEqual({ name: mutant.name, code: mutant.expect });
      const key = outcome.ok ? 'accepted' : outcome.code;
      tally[key] = (tally[key] ?? 0) + 1;
    }
    // Most damage must be detected; what passes is damage inside values (a changed digit, a pixel).
    expect(tally.accepted ?? 0).toBeLessThan(mutants.length / 2);
    expect(Object.keys(tally).length).toBeGreaterThanOrEqual(6);
    console.log(`robustness: ${mutants.length} mutants →`, JSON.stringify(tally));
  });
});
