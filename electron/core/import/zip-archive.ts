// Reads zip archives (PKWARE APPNOTE 6.3) entry by entry from the central directory with
// positioned reads: the archive is never extracted to disk, entry names are only labels (so
// "zip-slip" names like ../../x cannot write anywhere), and every entry is size-capped while it
// inflates (a zip bomb stops at the cap, not when memory runs out).
import { open } from 'node:fs/promises';
import { promisify } from 'node:util';
import { inflateRaw } from 'node:zlib';
import { AppError } from '../../shared/result';

const inflateRawAsync = promisify(inflateRaw);

const SIG_EOCD = 0x06054b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;

export const ZIP_LIMITS = {
  /** Largest entry we inflate into memory; a DICOM file beyond this is not a plausible image. */
  maxEntryBytes: 1024 * 1024 * 1024,
  maxEntries: 200_000,
};

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  encrypted: boolean;
}

function unsupported(why: string): AppError {
  return new AppError('UNSUPPORTED_ARCHIVE', `The zip archive cannot be imported: ${why}. Extract it with another tool and import the folder.`);
}

/** Lists the entries of a zip file from its central directory. */
export async function listZipEntries(file: string): Promise<ZipEntry[]> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, EOCD_MIN + MAX_COMMENT);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - EOCD_MIN; i >= 0; i--) {
      if (tail.readUInt32LE(i) === SIG_EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw unsupported('it is not a zip file or its end record is missing (truncated download?)');
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      throw unsupported('it is a ZIP64 archive (over 4 GiB or 65,535 entries), which this version does not read');
    }
    if (count > ZIP_LIMITS.maxEntries) throw unsupported(`it has more than ${ZIP_LIMITS.maxEntries} entries`);
    if (cdOffset + cdSize > size) throw unsupported('its central directory lies beyond the end of the file (truncated?)');
    const cd = Buffer.alloc(cdSize);
    await handle.read(cd, 0, cdSize, cdOffset);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== SIG_CENTRAL) throw unsupported('its central directory is damaged');
      const flags = cd.readUInt16LE(p + 8);
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      // Bit 11: the name is UTF-8; otherwise CP437, which matches UTF-8 for the ASCII names DICOM media use.
      const name = cd.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLength);
      entries.push({
        name,
        method: cd.readUInt16LE(p + 10),
        compressedSize: cd.readUInt32LE(p + 20),
        uncompressedSize: cd.readUInt32LE(p + 24),
        localHeaderOffset: cd.readUInt32LE(p + 42),
        encrypted: (flags & 0x1) !== 0,
      });
      p += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    await handle.close();
  }
}

/** Reads one entry's bytes into memory (stored or deflated), capped at ZIP_LIMITS.maxEntryBytes. */
export async function readZipEntry(file: string, entry: ZipEntry): Promise<Buffer> {
  if (entry.encrypted) throw unsupported('the entry is encrypted');
  if (entry.uncompressedSize > ZIP_LIMITS.maxEntryBytes) throw unsupported('the entry is larger than 1 GiB');
  const handle = await open(file, 'r');
  try {
    const local = Buffer.alloc(30);
    await handle.read(local, 0, 30, entry.localHeaderOffset);
    if (local.readUInt32LE(0) !== SIG_LOCAL) throw unsupported('the entry header is damaged');
    const dataOffset = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    const compressed = Buffer.alloc(entry.compressedSize);
    const { bytesRead } = await handle.read(compressed, 0, entry.compressedSize, dataOffset);
    if (bytesRead !== entry.compressedSize) throw new AppError('TRUNCATED', 'The zip entry ends before its recorded size (truncated archive).');
    if (entry.method === 0) return compressed;
    if (entry.method !== 8) throw unsupported(`the entry uses compression method ${entry.method} (only stored and deflate are read)`);
    try {
      // Inflate no further than the recorded size: an entry that lies about its size (a zip bomb)
      // stops there instead of filling memory.
      const out = await inflateRawAsync(compressed, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
      if (out.length !== entry.uncompressedSize) throw new AppError('TRUNCATED', 'The zip entry inflates to a different size than recorded (damaged archive).');
      return out;
    } catch (error) {
      if (error instanceof AppError) throw error;
      if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new AppError('BAD_LENGTH', 'The zip entry inflates to more than its recorded size (a damaged archive or a zip bomb); it was not imported.');
      }
      throw new AppError('TRUNCATED', 'The zip entry could not be inflated (damaged or truncated archive).');
    }
  } finally {
    await handle.close();
  }
}

/** True when the bytes start like a zip archive (local file header or empty-archive end record). */
export function looksLikeZip(head: Uint8Array): boolean {
  if (head.length < 4) return false;
  const sig = head[0]! | (head[1]! << 8) | (head[2]! << 16) | (head[3]! << 24);
  return sig === SIG_LOCAL || sig === SIG_EOCD;
}
