// `yingdu`: the command line of the workstation. Every command shares `--data DIR` and `--json`.
import { parseArgs } from 'node:util';
import { APP_VERSION } from '../core/app/version';
import { type CliIo, EXIT, processIo, reportError, UsageError } from './cli-io';
import type { CliCommand } from './command';
import { importCommand } from './commands/import';
import { infoCommand } from './commands/info';
import { modelsCommand } from './commands/models';
import { pixelsCommand } from './commands/pixels';
import { exportNiftiCommand } from './commands/export-nifti';
import { volumeCommand } from './commands/volume';
import { serveCommand } from './commands/serve';
import { studiesCommand } from './commands/studies';
import { dicomCommand } from './commands/dicom';
import { reportCommand, reviewCommand } from './commands/review';
import { feedbackCommand } from './commands/feedback';
import { deidentifyCommand } from './commands/deidentify';
import { analyzeCommand } from './commands/analyze';

export const COMMANDS: readonly CliCommand[] = [infoCommand, importCommand, serveCommand, studiesCommand, pixelsCommand, modelsCommand, volumeCommand, exportNiftiCommand, dicomCommand, deidentifyCommand, reviewCommand, reportCommand, analyzeCommand, feedbackCommand];

const COMMON_OPTIONS = {
  data: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  return [
    `yingdu ${APP_VERSION} — offline AI radiology reading workstation`,
    '',
    'Usage:',
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'Common options: --data DIR (data folder; default $YINGDU_DATA or the per-user folder),',
    '                --json (print exactly one JSON document on stdout)',
    '',
  ].join('\n');
}

export async function runCli(argv: string[], io: CliIo = processIo, stopSignal?: Promise<void>): Promise<number> {
  const [name, ...rest] = argv;
  const wantsJson = rest.includes('--json');
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(usage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === 'version') {
    io.stdout(`${APP_VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`);
    const parsed = (() => {
      try {
        return parseArgs({
          args: rest,
          options: { ...COMMON_OPTIONS, ...(command.options ?? {}) },
          allowPositionals: true,
          strict: true,
        });
      } catch (error) {
        throw new UsageError(error instanceof Error ? error.message : String(error));
      }
    })();
    const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
    if (values.help) {
      io.stdout(`Usage: ${command.usage}\n${command.summary}\n`);
      return EXIT.ok;
    }
    return await command.run({
      io,
      common: { data: values.data as string | undefined, json: values.json === true },
      positionals: parsed.positionals,
      options: values,
      stopSignal: stopSignal ?? waitForStop(),
    });
  } catch (error) {
    return reportError(io, error, wantsJson);
  }
}

function waitForStop(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
