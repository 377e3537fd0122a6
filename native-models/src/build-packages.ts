// `npm run models:build -- SRC_DIR OUT_DIR [ID ...]`: converts the authors' published weights
// in SRC_DIR (the layout of ../shared/models) into installable packages under OUT_DIR/<id>/.
// Run with tsx; nothing it writes belongs in the repository.
import path from 'node:path';
import { buildPackage } from './packages/package-builder';
import { GRAPH_PACKAGE_DEFINITIONS, PACKAGE_DEFINITIONS } from './packages/package-definitions';

function main(argv: string[]): number {
  const [src, out, ...only] = argv;
  if (!src || !out) {
    process.stderr.write('usage: npm run models:build -- SRC_DIR OUT_DIR [ID ...]\n');
    return 2;
  }
  const unknown = only.filter((id) => !PACKAGE_DEFINITIONS.some((d) => d.id === id) && !GRAPH_PACKAGE_DEFINITIONS.some((d) => d.id === id));
  if (unknown.length) {
    process.stderr.write(`unknown package id(s): ${unknown.join(', ')}\n`);
    return 2;
  }
  let failed = 0;
  for (const def of PACKAGE_DEFINITIONS) {
    if (only.length && !only.includes(def.id)) continue;
    const started = Date.now();
    try {
      const built = buildPackage(def, path.resolve(src), path.resolve(out));
      process.stdout.write(`${def.id}: ${built.onnxBytes} bytes, sha256 ${built.manifest.sha256.slice(0, 12)}…, ${Date.now() - started} ms\n`);
    } catch (error) {
      failed++;
      process.stderr.write(`${def.id}: FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  for (const def of GRAPH_PACKAGE_DEFINITIONS) {
    if (only.length && !only.includes(def.id)) continue;
    try {
      const built = def.build(path.resolve(out));
      process.stdout.write(`${def.id}: ${built.onnxBytes} bytes, sha256 ${built.manifest.sha256.slice(0, 12)}… (graph written by project code)\n`);
    } catch (error) {
      failed++;
      process.stderr.write(`${def.id}: FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  return failed ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
