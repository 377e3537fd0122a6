// De-identifies DICOM files or folders into an output folder (`yingdu deidentify`, the feedback
// bundle). One UidRemapper per call makes the UID mapping consistent across every file written.
// Output files are numbered, never named from the input's names or DICOM values (either may hold
// PHI); the input is only read.
import { mkdir, readFile, readdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readValidatedDataset } from '../dicom/dcmjs-dataset';
import { bigEndianBinaryToLittle } from '../dicom-objects/big-endian-binary';
import { fileMeta, writePart10 } from '../dicom-objects/part10-writer';
import { AppError, type ErrorCode } from '../../shared/result';
import { type DeidentificationChanges, deidentifyDataset } from './deidentify-dataset';
import { UidRemapper } from './uid-remapper';

const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
/** Native encodings dcmjs reads into the same values: written back as explicit VR little endian
 * (big endian after its binary values are swapped). */
const REWRITTEN_AS_EXPLICIT = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.1.99', '1.2.840.10008.1.2.2']);
const BIG_ENDIAN = '1.2.840.10008.1.2.2';

export interface DeidentifiedFile {
  /** The input file as given (a path the caller chose; the CLI prints it back). */
  input: string;
  output?: string;
  sopClassUID?: string;
  changes?: DeidentificationChanges;
  /** Set when the file was not de-identified (not DICOM, unsupported): nothing was written for it. */
  skipped?: { code: ErrorCode; message: string };
}

export interface DeidentifyOptions {
  /** Reuse a bundle's mapping (the feedback export passes one remapper for all cases). */
  uids?: UidRemapper;
  /** Prefix of the numbered output names ("IM" → IM000001.dcm). */
  prefix?: string;
}

/** De-identifies one Part 10 file's bytes. */
export function deidentifyBytes(bytes: Uint8Array, uids: UidRemapper): { bytes: Uint8Array; sopClassUID: string; changes: DeidentificationChanges } {
  const { instance, dict } = readValidatedDataset(bytes);
  // Big endian input is written out as explicit VR little endian: the retired encoding is one many
  // readers lack, and de-identification is the moment the file is rewritten anyway.
  const source = instance.transferSyntaxUID === BIG_ENDIAN ? bigEndianBinaryToLittle(dict) : dict;
  const { dict: clean, changes } = deidentifyDataset(source, instance.sopClassUID, uids);
  const sopInstanceUID = clean['00080018']?.Value?.[0];
  if (typeof sopInstanceUID !== 'string') throw new AppError('MISSING_UID', 'The file has no SOP Instance UID (0008,0018); it cannot be de-identified consistently.');
  const transferSyntax = REWRITTEN_AS_EXPLICIT.has(instance.transferSyntaxUID) ? EXPLICIT_VR_LITTLE_ENDIAN : instance.transferSyntaxUID;
  return { bytes: writePart10(fileMeta(instance.sopClassUID, sopInstanceUID, transferSyntax), clean), sopClassUID: instance.sopClassUID, changes };
}

/** De-identifies a file or every file under a folder into outDir (created if missing). */
export async function deidentifyPath(inPath: string, outDir: string, options: DeidentifyOptions = {}): Promise<DeidentifiedFile[]> {
  const uids = options.uids ?? new UidRemapper();
  const inputs = await listFiles(inPath);
  await mkdir(outDir, { recursive: true });
  const results: DeidentifiedFile[] = [];
  let written = 0;
  for (const input of inputs) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(input);
    } catch (error) {
      results.push({ input, skipped: { code: 'IO_ERROR', message: `The file could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).` } });
      continue;
    }
    try {
      const result = deidentifyBytes(bytes, uids);
      written += 1;
      const output = path.join(outDir, `${options.prefix ?? 'IM'}${String(written).padStart(6, '0')}.dcm`);
      // Written beside the target and renamed: an interrupted run never leaves half a file.
      await writeFile(`${output}.partial`, result.bytes);
      await rename(`${output}.partial`, output);
      results.push({ input, output, sopClassUID: result.sopClassUID, changes: result.changes });
    } catch (error) {
      const code: ErrorCode = error instanceof AppError ? error.code : 'INTERNAL';
      results.push({ input, skipped: { code, message: error instanceof Error ? error.message : String(error) } });
    }
  }
  return results;
}

async function listFiles(inPath: string): Promise<string[]> {
  let info;
  try {
    info = await stat(inPath);
  } catch {
    throw new AppError('NOT_FOUND', `Nothing to de-identify at ${inPath}: the path does not exist.`);
  }
  if (info.isFile()) return [inPath];
  const files: string[] = [];
  const walk = async (folder: string) => {
    const entries = await readdir(folder, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && entry.name !== 'DICOMDIR') files.push(full);
    }
  };
  await walk(inPath);
  return files;
}
