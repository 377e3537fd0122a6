// Real test data and model weights live in ../shared beside the repository (never copied in).
import { existsSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SHARED_DIR = process.env.YINGDU_SHARED_DIR ?? path.resolve(REPO_ROOT, '..', 'shared');
export const SHARED_DATA = path.join(SHARED_DIR, 'data');
export const SHARED_MODELS = path.join(SHARED_DIR, 'models');

/** True when ../shared is present; tests that need it use `describe.skipIf(!HAS_SHARED)` and say why. */
export const HAS_SHARED = existsSync(SHARED_DATA);
export const SHARED_MISSING_REASON = `real test data not found at ${SHARED_DATA} (clone with ../shared beside the repository)`;

export function sharedData(...parts: string[]): string {
  return path.join(SHARED_DATA, ...parts);
}
export function sharedModels(...parts: string[]): string {
  return path.join(SHARED_MODELS, ...parts);
}
