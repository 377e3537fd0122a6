// Turns the paths a user chose into the list of files to import: single files, folders
// (recursive), DICOMDIR media and zip archives. Only what lies under the given paths is read;
// symbolic links are not followed (a link could lead anywhere on the machine).
import type { Dirent } from 'node:fs';
import { lstat, open, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/result';
import { readDicomdir } from './dicomdir-reader';
import { listZipEntries, looksLikeZip, readZipEntry } from './zip-archive';

/** Largest single file read into memory (Buffer limit territory); a real DICOM file is far below. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024 - 1;

export interface ImportItem {
  /** What to show the user: the file path, or `archive.zip!/entry/name`. Never a store path. */
  label: string;
  size: number;
  read(): Promise<Buffer>;
}

export interface SkippedCounts {
  /** Names starting with "." (macOS resource forks, .DS_Store, editor files). */
  hidden: number;
  /** Thumbs.db, desktop.ini, __MACOSX/, $RECYCLE.BIN/, System Volume Information/. */
  system: number;
  symlinks: number;
  /** DICOMDIR index files themselves (their records are followed instead). */
  dicomdir: number;
  /** Empty files and zip directory entries. */
  empty: number;
}

export interface SourceProblem {
  path: string;
  code: AppError['code'];
  message: string;
}

export interface SourceScan {
  items: ImportItem[];
  skipped: SkippedCounts;
  /** Paths that could not be listed at all (missing, unreadable, broken archive). */
  problems: SourceProblem[];
  /** DICOMDIRs whose records were wrong or incomplete, so their folder was scanned instead. */
  dicomdirFallbacks: SourceProblem[];
}

const SYSTEM_NAMES = new Set(['thumbs.db', 'desktop.ini', '__macosx', '$recycle.bin', 'system volume information', 'ehthumbs.db']);

type JunkKind = keyof SkippedCounts | null;

function junkKind(name: string): JunkKind {
  if (name.startsWith('.')) return 'hidden';
  if (SYSTEM_NAMES.has(name.toLowerCase())) return 'system';
  return null;
}

const isDicomdirName = (name: string) => name.toUpperCase() === 'DICOMDIR' || name.toUpperCase() === 'DICOMDIR.';

function problemOf(file: string, error: unknown): SourceProblem {
  if (error instanceof AppError) return { path: file, code: error.code, message: error.message };
  const code = (error as { code?: unknown } | null)?.code;
  const message =
    code === 'ENOENT' ? 'The path does not exist (was the disc or drive removed?).'
    : code === 'EACCES' || code === 'EPERM' ? 'Permission denied: Yingdu may not read this path.'
    : 'The path could not be read.';
  return { path: file, code: 'IO_ERROR', message };
}

function fileItem(file: string, size: number): ImportItem {
  return {
    label: file,
    size,
    read: async () => {
      if (size > MAX_FILE_BYTES) throw new AppError('BAD_LENGTH', 'The file is larger than 2 GiB, beyond any DICOM object Yingdu can hold in memory.');
      return readFile(file);
    },
  };
}

export class SourceScanner {
  private readonly scan: SourceScan = {
    items: [],
    skipped: { hidden: 0, system: 0, symlinks: 0, dicomdir: 0, empty: 0 },
    problems: [],
    dicomdirFallbacks: [],
  };
  /** Real paths already listed, so a DICOMDIR fallback scan or overlapping arguments add nothing twice. */
  private readonly seen = new Set<string>();

  constructor(
    private readonly isCancelled: () => boolean = () => false,
    /** Called as files are listed, so progress can show a growing count on a large disc. */
    private readonly onListed: (count: number) => void = () => {},
  ) {}

  static async scanAll(paths: readonly string[], isCancelled?: () => boolean, onListed?: (count: number) => void): Promise<SourceScan> {
    const scanner = new SourceScanner(isCancelled, onListed);
    for (const p of paths) await scanner.addPath(path.resolve(p));
    return scanner.scan;
  }

  private async addPath(target: string): Promise<void> {
    try {
      const info = await lstat(target);
      if (info.isSymbolicLink()) {
        this.scan.skipped.symlinks++;
      } else if (info.isDirectory()) {
        const dicomdir = await this.findDicomdir(target);
        if (dicomdir) await this.addDicomdir(dicomdir, target);
        else await this.addFolder(target);
      } else if (info.isFile()) {
        if (isDicomdirName(path.basename(target))) await this.addDicomdir(target, path.dirname(target));
        else await this.addFile(target, info.size, true);
      }
    } catch (error) {
      this.scan.problems.push(problemOf(target, error));
    }
  }

  private async findDicomdir(folder: string): Promise<string | null> {
    const entries = await readdir(folder, { withFileTypes: true });
    const hit = entries.find((e) => e.isFile() && isDicomdirName(e.name));
    return hit ? path.join(folder, hit.name) : null;
  }

  private async addFile(file: string, size: number, sniffZip: boolean): Promise<void> {
    if (this.seen.has(file)) return;
    this.seen.add(file);
    if (size === 0) {
      this.scan.skipped.empty++;
      return;
    }
    const zip = sniffZip ? await startsLikeZip(file) : file.toLowerCase().endsWith('.zip');
    if (zip) await this.addZip(file);
    else this.push(fileItem(file, size));
  }

  private push(item: ImportItem): void {
    this.scan.items.push(item);
    this.onListed(this.scan.items.length);
  }

  private async addFolder(root: string): Promise<void> {
    const stack = [root];
    while (stack.length > 0 && !this.isCancelled()) {
      const folder = stack.pop()!;
      let entries: Dirent[];
      try {
        entries = await readdir(folder, { withFileTypes: true });
      } catch (error) {
        this.scan.problems.push(problemOf(folder, error));
        continue;
      }
      // Sorted so an import (and its progress) is reproducible from run to run.
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        const junk = junkKind(entry.name);
        if (junk) {
          this.scan.skipped[junk]++;
          continue;
        }
        const full = path.join(folder, entry.name);
        if (entry.isSymbolicLink()) this.scan.skipped.symlinks++;
        else if (entry.isDirectory()) stack.push(full);
        else if (entry.isFile()) {
          if (isDicomdirName(entry.name)) {
            this.scan.skipped.dicomdir++;
            continue;
          }
          try {
            const info = await lstat(full);
            await this.addFile(full, info.size, false);
          } catch (error) {
            this.scan.problems.push(problemOf(full, error));
          }
        }
      }
    }
  }

  /** Follows a DICOMDIR's Referenced File IDs; on any wrong record, scans its folder as well. */
  private async addDicomdir(dicomdirFile: string, folder: string): Promise<void> {
    this.scan.skipped.dicomdir++;
    this.seen.add(dicomdirFile);
    let why: string | null = null;
    try {
      const { records, complete } = readDicomdir(await readFile(dicomdirFile));
      if (!complete) why = 'The DICOMDIR ends early (damaged record lengths); the folder was scanned instead.';
      const resolver = new CaseInsensitiveResolver(folder);
      let missing = 0;
      for (const record of records) {
        if (record.fileId.length === 0) continue;
        const file = await resolver.resolve(record.fileId);
        if (!file) {
          missing++;
          continue;
        }
        const info = await lstat(file);
        await this.addFile(file, info.size, false);
      }
      if (missing > 0) why ??= `${missing} file(s) listed in the DICOMDIR are missing or misnamed; the folder was scanned instead.`;
    } catch (error) {
      why = `${problemOf(dicomdirFile, error).message} The folder was scanned instead.`;
    }
    if (why !== null) {
      this.scan.dicomdirFallbacks.push({ path: dicomdirFile, code: 'NOT_FOUND', message: why });
      await this.addFolder(folder);
    }
  }

  private async addZip(file: string): Promise<void> {
    const entries = await listZipEntries(file);
    for (const entry of entries) {
      // "." and ".." parts are not hidden files; the name is only a label, so a zip-slip name is harmless.
      const base = entry.name.split(/[/\\]/).filter((part) => part !== '' && part !== '.' && part !== '..');
      if (entry.name.endsWith('/') || entry.uncompressedSize === 0) {
        this.scan.skipped.empty++;
        continue;
      }
      const junk = base.map(junkKind).find((kind) => kind !== null) ?? null;
      if (junk) {
        this.scan.skipped[junk]++;
        continue;
      }
      if (isDicomdirName(base[base.length - 1] ?? '')) {
        this.scan.skipped.dicomdir++;
        continue;
      }
      this.push({
        label: `${file}!/${entry.name}`,
        size: entry.uncompressedSize,
        read: () => readZipEntry(file, entry),
      });
    }
  }
}

async function startsLikeZip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return looksLikeZip(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/**
 * Resolves Referenced File ID components (PS3.3 F.5: 1–8 components of up to 8 characters,
 * relative to the DICOMDIR's folder) against the real folder, ignoring case and ISO 9660
 * version suffixes (";1"), since CDs are often upper-case and copies lower-case. Components
 * are matched against directory listings only, so "..", "/" or a drive letter can never escape.
 */
class CaseInsensitiveResolver {
  private readonly listings = new Map<string, Map<string, string>>();

  constructor(private readonly root: string) {}

  async resolve(components: readonly string[]): Promise<string | null> {
    let current = this.root;
    for (const component of components) {
      const wanted = normalise(component);
      if (wanted === '' || wanted === '.' || wanted === '..') return null;
      const listing = await this.list(current);
      const actual = listing?.get(wanted);
      if (!actual) return null;
      current = path.join(current, actual);
    }
    try {
      const info = await lstat(current);
      return info.isFile() ? current : null;
    } catch {
      return null;
    }
  }

  private async list(folder: string): Promise<Map<string, string> | null> {
    const cached = this.listings.get(folder);
    if (cached) return cached;
    try {
      const names = new Map<string, string>();
      for (const entry of await readdir(folder, { withFileTypes: true })) {
        if (entry.isSymbolicLink()) continue;
        const key = normalise(entry.name);
        if (!names.has(key) || entry.name === key) names.set(key, entry.name);
      }
      this.listings.set(folder, names);
      return names;
    } catch {
      return null;
    }
  }
}

function normalise(name: string): string {
  return name.replace(/;\d+$/, '').replace(/\.$/, '').toUpperCase();
}
