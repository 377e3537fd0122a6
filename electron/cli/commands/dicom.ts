// `yingdu dicom FILE...`: the import parser's verdict on files, for IT staff checking why a file
// was rejected. Parses in the worker pool exactly as an import does. Prints technical fields
// only (no patient name or ID): its output is often pasted into tickets.
import { DicomParsePool, type DicomParseOutcome, defaultPoolSize } from '../../core/dicom/dicom-parse-pool';
import { describeSopClass } from '../../core/dicom/sop-classes';
import { lookupTransferSyntax } from '../../core/dicom/transfer-syntaxes';
import { printJson, UsageError } from '../cli-io';
import type { CliCommand } from '../command';

function describe(file: string, outcome: DicomParseOutcome) {
  if (!outcome.ok) return { file, ok: false as const, error: { code: outcome.code, message: outcome.message }, sha256: outcome.sha256 };
  const p = outcome.parsed;
  const sopClass = describeSopClass(p.sopClassUID);
  return {
    file,
    ok: true as const,
    sha256: outcome.sha256,
    sopClass: { uid: p.sopClassUID, name: sopClass.name, kind: sopClass.kind },
    transferSyntax: { uid: p.transferSyntaxUID, name: lookupTransferSyntax(p.transferSyntaxUID)?.name ?? p.transferSyntaxUID, inferred: p.inferredTransferSyntax },
    modality: p.modality,
    specificCharacterSet: p.specificCharacterSet,
    rows: p.rows,
    columns: p.columns,
    numberOfFrames: p.numberOfFrames,
    hasPixelData: p.hasPixelData,
  };
}

export const dicomCommand: CliCommand = {
  name: 'dicom',
  summary: 'Check DICOM files as an import would (code and reason for each rejection)',
  usage: 'yingdu dicom FILE... [--json]',
  async run({ io, common, positionals }) {
    if (positionals.length === 0) throw new UsageError('give one or more DICOM files');
    const pool = new DicomParsePool({ size: Math.min(positionals.length, defaultPoolSize()) });
    let results: ReturnType<typeof describe>[];
    try {
      results = await Promise.all(positionals.map(async (file) => describe(file, await pool.parseFile(file))));
    } finally {
      await pool.close();
    }
    // Rejections follow the CLI convention (stderr, `error CODE: …`); --json keeps stdout to one document.
    for (const r of results) if (!r.ok) io.stderr(`error ${r.error.code}: ${r.file}: ${r.error.message}\n`);
    if (common.json) printJson(io, results);
    else {
      for (const r of results) {
        if (!r.ok) continue;
        const size = r.rows && r.columns ? `, ${r.columns}×${r.rows}${r.numberOfFrames && r.numberOfFrames > 1 ? `×${r.numberOfFrames}` : ''}` : '';
        io.stdout(`${r.file}: OK ${r.sopClass.name} ${r.modality}${size}, ${r.transferSyntax.name}${r.transferSyntax.inferred ? ' (inferred)' : ''}\n`);
      }
    }
    return results.every((r) => r.ok) ? 0 : 1;
  },
};
