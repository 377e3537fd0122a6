// Entry point of the bundled CLI (dist/cli.cjs), started by bin/yingdu.cjs.
import { runCli } from './yingdu';

void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
