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
import { generateMutants, MUTANT_COUNT } from '../../../support/dicom-mutator';

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

  it(`survives ${MUTANT_COUNT} mutated files: only known codes, no crash, no hang`, async () => {
    const mutants = generateMutants((seed) => readFileSync(path.join(PYDICOM_DIR, seed)));
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
