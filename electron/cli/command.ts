import type { CliIo } from './cli-io';

/** Options every command accepts. */
export interface CommonOptions {
  data?: string;
  json: boolean;
}

export interface CommandContext {
  io: CliIo;
  common: CommonOptions;
  /** Positional arguments after the command name. */
  positionals: string[];
  /** Command-specific options as parsed by `node:util` parseArgs. */
  options: Record<string, string | boolean | string[] | undefined>;
  /** Resolves when the user asks a long-running command to stop (SIGINT/SIGTERM). */
  stopSignal: Promise<void>;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Extra options beyond --data and --json, in parseArgs form. */
  options?: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;
  run(ctx: CommandContext): Promise<number>;
}
