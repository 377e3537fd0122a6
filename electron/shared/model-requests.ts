// Arguments of the model-package requests the UI sends (`models:install`, `models:remove`).
// The folder comes from a removable medium the hospital's IT chose; the registry then validates
// the package and its SHA-256, so this schema only keeps the path well-formed. Written without
// node:path because the renderer validates with the same schema.
import { z } from 'zod';
import { MODEL_ID_PATTERN, MODEL_VERSION_PATTERN } from './model-manifest';

/** Longer than PATH_MAX on Linux (4096) and Windows long paths are not expected from a dialog or a typed path. */
export const MAX_PACKAGE_PATH_LENGTH = 4096;

/** POSIX `/…`, Windows `C:\…` / `C:/…`, or a UNC share `\\server\share`. */
const ABSOLUTE_PATH = /^(\/|[A-Za-z]:[\\/]|\\\\[^\\])/;

export const packageFolderSchema = z
  .string()
  .min(1)
  .max(MAX_PACKAGE_PATH_LENGTH)
  .refine((p) => !p.includes('\0'), { message: 'the folder path contains a NUL character' })
  .refine((p) => ABSOLUTE_PATH.test(p), { message: 'give the full (absolute) path of the package folder' });

export const modelInstallSchema = z.object({ folder: packageFolderSchema }).strict();

export const modelRemoveSchema = z
  .object({ modelId: z.string().regex(MODEL_ID_PATTERN), version: z.string().regex(MODEL_VERSION_PATTERN).optional() })
  .strict();

export interface ModelInstallResult {
  id: string;
  version: string;
  /** The same package (same SHA-256) was already installed: nothing changed. */
  alreadyInstalled: boolean;
}

export interface ModelRemoveResult {
  removed: { id: string; version: string }[];
}
