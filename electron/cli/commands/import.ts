import path from 'node:path';
import type { ImportProgress, ImportSummary } from '../../shared/imports';
import { resolveDataDir } from '../../core/app/data-dir';
import { createCore } from '../../core/core';
import { EXIT, printJson, UsageError } from '../cli-io';
import type { CliCommand } from '../command';

function formatProgress(p: ImportProgress): string {
  const total = p.filesTotal === null ? '?' : String(p.filesTotal);
  const eta = p.etaSeconds === null ? '--' : `${p.etaSeconds}s`;
  return `import: ${p.done}/${total} files, ${p.rate.toFixed(1)} files/s, ETA ${eta} (added ${p.added}, duplicates ${p.duplicates}, conflicts ${p.conflicts}, rejected ${p.rejected})`;
}

function formatSummary(s: ImportSummary): string {
  const lines = [
    `${s.state}: ${s.filesSeen} files seen, ${s.added} added, ${s.duplicates} duplicates, ${s.conflicts} conflicts, ${s.rejectedCount} rejected in ${s.durationSeconds} s`,
  ];
  const skipped = Object.entries(s.skipped).filter(([, n]) => n > 0);
  if (skipped.length > 0) lines.push(`skipped: ${skipped.map(([k, n]) => `${n} ${k}`).join(', ')}`);
  for (const r of s.rejected) lines.push(`rejected ${r.code}: ${r.path}: ${r.message}`);
  for (const c of s.conflictFiles) lines.push(`conflict: ${c.path}: ${c.message}`);
  if (s.resultObjects) lines.push(`${s.resultObjects.imported} segmentations/measurement reports shown as AI overlays`);
  for (const r of s.resultObjects?.problems ?? []) lines.push(`overlay ${r.code}: ${r.path}: ${r.message}`);
  for (const p of s.unreadablePaths) lines.push(`unreadable ${p.code}: ${p.path}: ${p.message}`);
  for (const d of s.dicomdirFallbacks) lines.push(`DICOMDIR ${d.path}: ${d.message}`);
  return `${lines.join('\n')}\n`;
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Import DICOM files, folders, DICOMDIR media or zip archives into the data folder',
  usage: 'yingdu import PATH… [--data DIR] [--json]',
  async run({ io, common, positionals, stopSignal }) {
    if (positionals.length === 0) throw new UsageError('import needs at least one file, folder, DICOMDIR or zip path');
    const paths = positionals.map((p) => path.resolve(p));
    const core = createCore({ dataDir: resolveDataDir(common.data), host: 'cli' });
    try {
      let lastLine = 0;
      const { importId, done } = core.imports.start(paths, {
        onProgress: (progress) => {
          if (common.json) return;
          // A line a second is enough in a log; a terminal gets a live line.
          const now = Date.now();
          if (process.stderr.isTTY) io.stderr(`\r${formatProgress(progress)}\u001b[K`);
          else if (now - lastLine >= 1000 || progress.done === progress.filesTotal) io.stderr(`${formatProgress(progress)}\n`);
          else return;
          lastLine = now;
        },
        onStudiesChanged: () => {},
        onFinished: () => {},
      });
      void stopSignal.then(() => core.imports.cancel(importId));
      const summary = await done;
      if (!common.json && process.stderr.isTTY) io.stderr('\n');
      if (common.json) {
        // The documented fields first, then the rest of the summary.
        const { filesSeen, added, duplicates, conflicts, rejected, ...rest } = summary;
        printJson(io, { filesSeen, added, duplicates, conflicts, rejected, ...rest });
      } else {
        io.stderr(formatSummary(summary));
      }
      if (summary.error) io.stderr(`error ${summary.error.code}: ${summary.error.message}\n`);
      // A path that could not be read at all (mistyped, disc removed) fails the command; bad files inside do not.
      const unreadable = summary.unreadablePaths[0];
      if (!summary.error && unreadable) io.stderr(`error ${unreadable.code}: ${unreadable.path}: ${unreadable.message}\n`);
      return summary.state === 'completed' && !unreadable ? EXIT.ok : EXIT.failure;
    } finally {
      await core.close();
    }
  },
};
