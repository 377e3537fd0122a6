import path from 'node:path';
import { deidentifyPath } from '../../core/deidentify/deidentify-files';
import { AppError } from '../../shared/result';
import { printJson, UsageError } from '../cli-io';
import type { CliCommand } from '../command';

export const deidentifyCommand: CliCommand = {
  name: 'deidentify',
  summary: 'De-identify DICOM files or folders (PS3.15 Annex E basic profile) into OUT_DIR and list what changed per file',
  usage: 'yingdu deidentify IN_PATH OUT_DIR [--json]',
  async run({ io, common, positionals }) {
    const [inPath, outDir, ...extra] = positionals;
    if (!inPath || !outDir || extra.length > 0) throw new UsageError('give the input file or folder and the output folder');
    if (path.resolve(outDir).startsWith(path.resolve(inPath) + path.sep) || path.resolve(outDir) === path.resolve(inPath)) {
      throw new UsageError('the output folder must not be inside the input folder');
    }
    const files = await deidentifyPath(inPath, outDir);
    const written = files.filter((f) => f.output !== undefined).length;
    if (common.json) {
      printJson(io, { written, skipped: files.length - written, files });
    } else {
      for (const file of files) {
        if (file.skipped) {
          io.stdout(`${file.input}: skipped (${file.skipped.code}: ${file.skipped.message})\n`);
          continue;
        }
        const c = file.changes;
        io.stdout(
          `${file.input} → ${file.output}: ${c?.removed.length ?? 0} removed, ${c?.emptied.length ?? 0} emptied, ` +
            `${c?.replacedWithDummy.length ?? 0} dummy, ${c?.uidsReplaced.length ?? 0} UID attributes replaced, ${c?.privateAttributesRemoved ?? 0} private removed\n`,
        );
      }
      io.stdout(`${written} file(s) de-identified into ${path.resolve(outDir)}, ${files.length - written} skipped\n`);
    }
    if (written === 0) throw new AppError('NOT_DICOM', 'No DICOM file could be de-identified; see the reasons listed per file.');
    return 0;
  },
};
