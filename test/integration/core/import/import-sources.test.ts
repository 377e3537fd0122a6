// Import sources on real trees: pydicom's DICOMDIR media (as on the CD, lower-cased as copied
// by some tools, and broken: a referenced file missing), folders with hidden / system junk and
// symbolic links, and zip archives (deflated and stored entries, junk, a zip-slip entry name,
// a truncated archive, an entry over the size cap).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SourceScanner } from '../../../../electron/core/import/import-sources';
import { ZIP_LIMITS } from '../../../../electron/core/import/zip-archive';
import { HAS_SHARED, sharedData } from '../../../support/shared-data';
import { makeTempDir } from '../../../support/temp-dir';
import { checkConsistency } from './store-consistency';
import { importInto } from './import-into';

const DICOMDIR_TESTS = '/usr/lib/python3/dist-packages/pydicom/data/test_files/dicomdirtests';
const HAS_DICOMDIR = existsSync(DICOMDIR_TESTS);

const temp = makeTempDir('yingdu-sources-');
afterAll(() => temp.remove());
let counter = 0;
const freshDir = (name: string) => {
  const dir = path.join(temp.dir, `${name}-${counter++}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** Copies the three patient folders and the DICOMDIR (not the variants, README or TINY_ALPHA). */
function copyMedia(lowerCase: boolean): string {
  const media = freshDir('media');
  for (const name of ['DICOMDIR', '77654033', '98892001', '98892003']) {
    cpSync(path.join(DICOMDIR_TESTS, name), path.join(media, name), { recursive: true });
  }
  if (lowerCase) {
    const lower = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const from = path.join(dir, entry.name);
        const to = path.join(dir, entry.name.toLowerCase());
        if (from !== to) renameSync(from, to);
        if (entry.isDirectory()) lower(to);
      }
    };
    lower(media);
  }
  return media;
}

describe.skipIf(!HAS_DICOMDIR)('DICOMDIR media', () => {
  it('follows the Referenced File IDs of the DICOMDIR, not every file in the folder', async () => {
    const media = copyMedia(false);
    writeFileSync(path.join(media, 'NOTES.TXT'), 'not listed in the DICOMDIR');
    const scan = await SourceScanner.scanAll([media]);
    expect(scan.items).toHaveLength(31);
    expect(scan.items.some((i) => i.label.endsWith('NOTES.TXT'))).toBe(false);
    expect(scan.dicomdirFallbacks).toEqual([]);
    expect(scan.skipped.dicomdir).toBe(1);
  });

  it('matches Referenced File IDs case-insensitively on a lower-cased copy of the CD', async () => {
    const media = copyMedia(true);
    const scan = await SourceScanner.scanAll([path.join(media, 'dicomdir')]);
    expect(scan.items).toHaveLength(31);
    expect(scan.dicomdirFallbacks).toEqual([]);
  });

  it('imports the media: 31 instances, consistent store', async () => {
    const data = freshDir('data');
    const summary = await importInto(data, [copyMedia(false)]);
    expect(summary).toMatchObject({ state: 'completed', filesSeen: 31, added: 31, rejectedCount: 0 });
    expect(checkConsistency(data)).toMatchObject({ integrity: 'ok', instances: 31, missingFiles: [], badHashes: [] });
  });

  it('falls back to scanning the folder when a referenced file is missing, and says so', async () => {
    const media = copyMedia(false);
    rmSync(path.join(media, '77654033', 'CR1', '6154'));
    // A file the DICOMDIR does not list: only the fallback scan can find it.
    renameSync(path.join(media, '77654033', 'CR2', '6247'), path.join(media, '77654033', 'CR2', 'RENAMED'));
    const scan = await SourceScanner.scanAll([media]);
    expect(scan.dicomdirFallbacks).toHaveLength(1);
    expect(scan.dicomdirFallbacks[0]!.message).toMatch(/2 file\(s\) listed in the DICOMDIR are missing/);
    expect(scan.items).toHaveLength(30);
    expect(scan.items.filter((i) => i.label.endsWith('RENAMED'))).toHaveLength(1);
  });

  it('falls back to scanning when the DICOMDIR itself is damaged (pydicom DICOMDIR-nooffset)', async () => {
    const media = copyMedia(false);
    cpSync(path.join(DICOMDIR_TESTS, 'DICOMDIR-nooffset'), path.join(media, 'DICOMDIR'));
    const scan = await SourceScanner.scanAll([media]);
    expect(scan.dicomdirFallbacks).toHaveLength(1);
    expect(scan.items).toHaveLength(31);
  });
});

describe.skipIf(!HAS_SHARED)('folders', () => {
  it('skips hidden files, system junk and symbolic links, and counts them', async () => {
    const folder = freshDir('folder');
    cpSync(sharedData('ct-head-gantry-tilt', '01.dcm'), path.join(folder, 'a.dcm'));
    mkdirSync(path.join(folder, 'sub', 'deeper'), { recursive: true });
    cpSync(sharedData('ct-head-gantry-tilt', '02.dcm'), path.join(folder, 'sub', 'deeper', 'b'));
    writeFileSync(path.join(folder, '.DS_Store'), 'x');
    writeFileSync(path.join(folder, 'Thumbs.db'), 'x');
    mkdirSync(path.join(folder, '__MACOSX'));
    writeFileSync(path.join(folder, '__MACOSX', '._a.dcm'), 'x');
    writeFileSync(path.join(folder, 'empty.dcm'), '');
    symlinkSync('/etc', path.join(folder, 'link-outside'));
    const scan = await SourceScanner.scanAll([folder]);
    expect(scan.items.map((i) => path.relative(folder, i.label)).sort()).toEqual(['a.dcm', path.join('sub', 'deeper', 'b')]);
    expect(scan.skipped).toEqual({ hidden: 1, system: 2, symlinks: 1, dicomdir: 0, empty: 1 });
  });

  it('reports a path that does not exist without stopping the others', async () => {
    const scan = await SourceScanner.scanAll([path.join(temp.dir, 'no-such-folder'), sharedData('ct-head-gantry-tilt', '01.dcm')]);
    expect(scan.items).toHaveLength(1);
    expect(scan.problems).toEqual([expect.objectContaining({ code: 'IO_ERROR', message: expect.stringMatching(/does not exist/) })]);
  });
});

/** Builds a zip with Python's zipfile: entries are [name, source file or bytes, deflate?]. */
function makeZip(file: string, entries: Array<[string, string, boolean]>): void {
  const script = [
    'import sys, json, zipfile',
    'entries = json.loads(sys.argv[2])',
    "with zipfile.ZipFile(sys.argv[1], 'w') as z:",
    '    for name, src, deflate in entries:',
    '        z.write(src, arcname=name, compress_type=zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED)',
  ].join('\n');
  execFileSync('python3', ['-c', script, file, JSON.stringify(entries)]);
}

describe.skipIf(!HAS_SHARED)('zip archives', () => {
  const ct = (n: string) => sharedData('ct-head-gantry-tilt', n);
  afterEach(() => {
    ZIP_LIMITS.maxEntryBytes = 1024 * 1024 * 1024;
  });

  it('imports deflated and stored entries, skips junk, and never writes by entry name (zip-slip)', async () => {
    const dir = freshDir('zip');
    const zip = path.join(dir, 'study.zip');
    const junk = path.join(dir, 'junk');
    writeFileSync(junk, 'resource fork');
    makeZip(zip, [
      ['series/01.dcm', ct('01.dcm'), true],
      ['series/02.dcm', ct('02.dcm'), false],
      ['../../escaped.dcm', ct('03.dcm'), true],
      ['__MACOSX/series/._01.dcm', junk, true],
      ['series/.hidden', junk, false],
    ]);
    const data = freshDir('data');
    const summary = await importInto(data, [zip]);
    expect(summary).toMatchObject({ state: 'completed', filesSeen: 3, added: 3, rejectedCount: 0 });
    expect(summary.skipped).toMatchObject({ hidden: 1, system: 1 });
    // Nothing appeared next to the archive or above the data folder.
    expect(readdirSync(dir).sort()).toEqual(['junk', 'study.zip']);
    expect(existsSync(path.join(temp.dir, 'escaped.dcm'))).toBe(false);
    expect(existsSync(path.join(path.dirname(data), 'escaped.dcm'))).toBe(false);
    expect(checkConsistency(data)).toMatchObject({ integrity: 'ok', instances: 3, missingFiles: [], badHashes: [] });
  });

  it('reports a truncated archive as UNSUPPORTED_ARCHIVE and imports nothing from it', async () => {
    const dir = freshDir('zip-cut');
    const zip = path.join(dir, 'cut.zip');
    makeZip(zip, [['01.dcm', ct('01.dcm'), true]]);
    const cut = path.join(dir, 'cut-half.zip');
    writeFileSync(cut, Buffer.from(execFileSync('head', ['-c', String(Math.floor(statSync(zip).size / 2)), zip])));
    const data = freshDir('data');
    const summary = await importInto(data, [cut]);
    expect(summary.added).toBe(0);
    expect(summary.unreadablePaths).toEqual([expect.objectContaining({ path: cut, code: 'UNSUPPORTED_ARCHIVE' })]);
  });

  it('stops inflating an entry that lies about its size (zip bomb) at the recorded size', async () => {
    const dir = freshDir('zip-bomb');
    const zeros = path.join(dir, 'zeros');
    writeFileSync(zeros, Buffer.alloc(8 * 1024 * 1024));
    const zip = path.join(dir, 'bomb.zip');
    makeZip(zip, [['bomb.dcm', zeros, true]]);
    // Rewrite the central directory's uncompressed size (offset 24 in the entry) to 1 KiB.
    const patch = [
      'import sys, struct',
      "data = bytearray(open(sys.argv[1], 'rb').read())",
      "cd = data.rfind(b'PK\\x01\\x02')",
      "struct.pack_into('<I', data, cd + 24, 1024)",
      "open(sys.argv[1], 'wb').write(data)",
    ].join('\n');
    execFileSync('python3', ['-c', patch, zip]);
    const summary = await importInto(freshDir('data'), [zip]);
    expect(summary.rejected).toEqual([expect.objectContaining({ path: `${zip}!/bomb.dcm`, code: 'BAD_LENGTH', message: expect.stringMatching(/more than its recorded size/) })]);
  });

  it('rejects an entry larger than the cap without inflating it into memory', async () => {
    const dir = freshDir('zip-cap');
    const zip = path.join(dir, 'big.zip');
    makeZip(zip, [['01.dcm', ct('01.dcm'), true], ['02.dcm', ct('02.dcm'), true]]);
    ZIP_LIMITS.maxEntryBytes = statSync(ct('01.dcm')).size - 1;
    const data = freshDir('data');
    const summary = await importInto(data, [zip]);
    expect(summary.rejected.map((r) => r.code)).toEqual(
      statSync(ct('02.dcm')).size > ZIP_LIMITS.maxEntryBytes ? ['UNSUPPORTED_ARCHIVE', 'UNSUPPORTED_ARCHIVE'] : ['UNSUPPORTED_ARCHIVE'],
    );
  });
});
