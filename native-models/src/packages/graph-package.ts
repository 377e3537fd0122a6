// Packages whose model.onnx is a fixed graph written by project code (the stroke package's
// trace/ADC arithmetic, the lung CAD filter bank): there are no published weights to convert,
// so each definition builds its graph and manifest itself and this file writes the package
// folder the same way the converters do (validated manifest, hash, card, licence).
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type ModelManifest, type ModelManifestInput, describeManifestIssues, modelManifestSchema } from '../../../electron/shared/model-manifest';
import { renderModelCard } from './model-card';

export interface GraphPackageDefinition {
  id: string;
  version: string;
  /** Writes `<outRoot>/<id>/` and returns what it wrote. */
  build(outRoot: string): BuiltGraphPackage;
}

export interface BuiltGraphPackage {
  dir: string;
  manifest: ModelManifest;
  onnxBytes: number;
}

/** The project's own code licence (package.json), for packages that contain only project code. */
export const PROJECT_LICENSE_TEXT = [
  'Copyright the Yingdu authors.',
  '',
  'Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except',
  'in compliance with the License. You may obtain a copy of the License at',
  '',
  '    http://www.apache.org/licenses/LICENSE-2.0',
  '',
  'Unless required by applicable law or agreed to in writing, software distributed under the License',
  'is distributed on an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express',
  'or implied. See the License for the specific language governing permissions and limitations under',
  'the License.',
].join('\n');

/**
 * Validates the manifest (with the hash and size of `onnx` filled in) and writes manifest.json,
 * model.onnx, MODEL_CARD.md and LICENSE.txt under `<outRoot>/<id>/`.
 */
export function writeGraphPackage(
  candidate: Omit<ModelManifestInput, 'sha256' | 'sizeBytes'>,
  onnx: Uint8Array,
  cardNotes: readonly string[],
  licenseText: string,
  outRoot: string,
): BuiltGraphPackage {
  const sha256 = createHash('sha256').update(onnx).digest('hex');
  const parsed = modelManifestSchema.safeParse({ ...candidate, sha256, sizeBytes: onnx.length });
  if (!parsed.success) throw new Error(`${candidate.id}: generated manifest is invalid: ${describeManifestIssues(parsed.error)}`);
  const manifest = parsed.data;
  const dir = path.join(outRoot, manifest.id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'model.onnx'), onnx);
  writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(path.join(dir, 'MODEL_CARD.md'), renderModelCard(manifest, cardNotes, licenseText));
  writeFileSync(path.join(dir, 'LICENSE.txt'), licenseText);
  return { dir, manifest, onnxBytes: onnx.length };
}
