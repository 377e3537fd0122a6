// The only module (with its folder) allowed to import onnxruntime-node (see eslint.config.mjs).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as ort from 'onnxruntime-node';

const requireFromHere = createRequire(import.meta.url);

/** Execution providers we may choose for a session, best first. CPU is always available. */
const PREFERRED_PROVIDERS = ['cuda', 'dml', 'coreml'] as const;

export interface OnnxRuntimeInfo {
  version: string;
  executionProviders: string[];
}

/**
 * What onnxruntime-node can run here. A GPU provider counts only when its native library is
 * present: the npm package ships CPU only, and CUDA needs its separate installer (see README).
 */
export function onnxRuntimeInfo(): OnnxRuntimeInfo {
  const version = (requireFromHere('onnxruntime-node/package.json') as { version: string }).version;
  const binDir = path.dirname(requireFromHere.resolve('onnxruntime-node/package.json'));
  const backends = ort.listSupportedBackends();
  const usable = PREFERRED_PROVIDERS.filter((name) => {
    const backend = backends.find((b) => b.name === name);
    if (!backend) return false;
    return backend.bundled || providerLibraryPresent(binDir, name);
  });
  return { version, executionProviders: [...usable, 'cpu'] };
}

function providerLibraryPresent(packageDir: string, provider: string): boolean {
  const dir = path.join(packageDir, 'bin', 'napi-v6', process.platform, process.arch);
  const file =
    process.platform === 'win32' ? `onnxruntime_providers_${provider}.dll` : `libonnxruntime_providers_${provider}.so`;
  return existsSync(path.join(dir, file));
}
