// Installs, lists and removes model packages. A package folder holds manifest.json,
// model.onnx and MODEL_CARD.md (LICENSE.txt optional; head.onnx for a network split at its
// classifier). Install validates the manifest, checks each ONNX file against its size and SHA-256, copies the files into
// <data>/models/<id>/<version>/ through a temporary folder (so a failed copy leaves nothing
// half-installed) and records the checksum in the database, which every load is checked against.
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { type InstalledModel, type ModelManifest, describeManifestIssues, modelManifestSchema } from '../../../shared/model-manifest';
import { AppError } from '../../../shared/result';
import { type ModelSession, type SessionOptions, createModelSession, sha256Hex } from '../runtime/model-session';
import type { Database } from '../../store/database';

const PACKAGE_FILES = ['manifest.json', 'model.onnx', 'MODEL_CARD.md'] as const;
const OPTIONAL_FILES = ['LICENSE.txt'] as const;
/** Real manifests are a few tens of KiB; anything huge is not one. */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

interface ModelRow {
  model_id: string;
  version: string;
  sha256: string;
  size_bytes: number;
  manifest_json: string;
  installed_at: string;
  enabled: number;
}

export interface ModelRegistry {
  install(packageDir: string): { manifest: ModelManifest; alreadyInstalled: boolean };
  list(): InstalledModel[];
  remove(id: string, version?: string): { removed: { id: string; version: string }[] };
  /** Re-hashes an installed model file; throws MODEL_TAMPERED on a mismatch. */
  verify(id: string, version?: string): { id: string; version: string; sha256: string };
  /** Opens an ONNX Runtime session for an installed model after checking its hash. */
  open(id: string, version?: string, options?: SessionOptions): Promise<ModelSession>;
  /** Turns auto-run (and `analyze --study`) on or off for every installed version of a model. */
  setEnabled(id: string, enabled: boolean): InstalledModel[];
  /** Folder of an installed version (ours: built from validated id and version). */
  folderOf(id: string, version: string): string;
}

export function readPackageManifest(packageDir: string): ModelManifest {
  const file = path.join(packageDir, 'manifest.json');
  if (!existsSync(file)) {
    throw new AppError('MODEL_INVALID', `${packageDir} is not a model package: it has no manifest.json. Choose the folder that holds manifest.json and model.onnx.`);
  }
  if (statSync(file).size > MAX_MANIFEST_BYTES) throw new AppError('MODEL_INVALID', `${file} is too large to be a model manifest.`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AppError('MODEL_INVALID', `${file} is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  const parsed = modelManifestSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('MODEL_INVALID', `${file} is not a valid model manifest: ${describeManifestIssues(parsed.error)}.`);
  }
  return parsed.data;
}

/** The ONNX files of a package with their expected hash and size: model.onnx, and head.onnx for a split network. */
function modelFiles(manifest: ModelManifest): Array<{ name: string; sha256: string; sizeBytes: number }> {
  const files = [{ name: 'model.onnx', sha256: manifest.sha256, sizeBytes: manifest.sizeBytes }];
  if (manifest.head) files.push({ name: manifest.head.file, sha256: manifest.head.sha256, sizeBytes: manifest.head.sizeBytes });
  return files;
}

function checkModelFile(file: string, expectedSha256: string, expectedSize: number, where: string): void {
  const size = statSync(file).size;
  const sha = sha256Hex(new Uint8Array(readFileSync(file)));
  if (size !== expectedSize || sha !== expectedSha256) {
    throw new AppError(
      'MODEL_TAMPERED',
      `${path.basename(file)} ${where} does not match the checksum in its manifest (${size} bytes, SHA-256 ${sha.slice(0, 12)}…; ` +
        `expected ${expectedSize} bytes, ${expectedSha256.slice(0, 12)}…). The copy is damaged or was altered; get the package again from its source.`,
    );
  }
}

export function createModelRegistry(db: Database, modelsDir: string): ModelRegistry {
  const selectAll = db.prepare<[], ModelRow>('SELECT * FROM models ORDER BY model_id, version');
  const selectOne = db.prepare<[string, string], ModelRow>('SELECT * FROM models WHERE model_id = ? AND version = ?');
  const selectById = db.prepare<[string], ModelRow>('SELECT * FROM models WHERE model_id = ? ORDER BY installed_at DESC, version DESC');
  const insert = db.prepare(
    `INSERT INTO models (model_id, version, sha256, size_bytes, task, experimental, enabled, manifest_json, installed_at)
     VALUES (@model_id, @version, @sha256, @size_bytes, @task, @experimental, @enabled, @manifest_json, @installed_at)`,
  );
  const deleteOne = db.prepare<[string, string]>('DELETE FROM models WHERE model_id = ? AND version = ?');
  const setEnabled = db.prepare<[number, string]>('UPDATE models SET enabled = ? WHERE model_id = ?');

  const folderOf = (id: string, version: string) => path.join(modelsDir, id, version);

  /** The newest installed version, or the one asked for; NOT_FOUND with the installed ids otherwise. */
  const find = (id: string, version?: string): ModelRow => {
    const row = version ? selectOne.get(id, version) : selectById.all(id)[0];
    if (!row) {
      const installed = selectAll.all().map((r) => `${r.model_id}@${r.version}`);
      throw new AppError('NOT_FOUND', `No installed model "${id}${version ? `@${version}` : ''}". Installed: ${installed.join(', ') || 'none'}.`);
    }
    return row;
  };

  return {
    folderOf,
    install(packageDir) {
      const source = path.resolve(packageDir);
      const manifest = readPackageManifest(source);
      const required = [...PACKAGE_FILES, ...(manifest.head ? [manifest.head.file] : [])];
      for (const name of required) {
        if (!existsSync(path.join(source, name))) throw new AppError('MODEL_INVALID', `${source} has no ${name}; this model package needs ${required.join(', ')}.`);
      }
      for (const f of modelFiles(manifest)) checkModelFile(path.join(source, f.name), f.sha256, f.sizeBytes, `in ${source}`);

      const existing = selectOne.get(manifest.id, manifest.version);
      if (existing) {
        if (existing.sha256 === manifest.sha256) return { manifest, alreadyInstalled: true };
        throw new AppError('CONFLICT', `${manifest.id}@${manifest.version} is already installed with a different model file. Remove it first (yingdu models remove ${manifest.id}).`);
      }

      const target = folderOf(manifest.id, manifest.version);
      const staging = `${target}.installing-${process.pid}`;
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(staging, { recursive: true });
      try {
        for (const name of [...required, ...OPTIONAL_FILES]) {
          if (existsSync(path.join(source, name))) copyFileSync(path.join(source, name), path.join(staging, name));
        }
        // Hash the copy too: removable media can return different bytes on a second read.
        for (const f of modelFiles(manifest)) checkModelFile(path.join(staging, f.name), f.sha256, f.sizeBytes, 'copied into the data folder');
        rmSync(target, { recursive: true, force: true });
        renameSync(staging, target);
      } catch (error) {
        rmSync(staging, { recursive: true, force: true });
        throw error;
      }
      insert.run({
        model_id: manifest.id,
        version: manifest.version,
        sha256: manifest.sha256,
        size_bytes: manifest.sizeBytes,
        task: manifest.task,
        experimental: manifest.experimental ? 1 : 0,
        enabled: manifest.enabledByDefault && !manifest.experimental ? 1 : 0,
        manifest_json: JSON.stringify(manifest),
        installed_at: new Date().toISOString(),
      });
      return { manifest, alreadyInstalled: false };
    },

    list() {
      return selectAll.all().map((row) => {
        const cardFile = path.join(folderOf(row.model_id, row.version), 'MODEL_CARD.md');
        return {
          // Validated at install; re-parsing with a later, stricter schema must not hide installed models.
          manifest: JSON.parse(row.manifest_json) as ModelManifest,
          card: existsSync(cardFile) ? readFileSync(cardFile, 'utf8') : '',
          installedAt: row.installed_at,
          enabled: row.enabled === 1,
        };
      });
    },

    remove(id, version) {
      find(id, version);
      const rows = version ? [find(id, version)] : selectById.all(id);
      for (const row of rows) {
        deleteOne.run(row.model_id, row.version);
        rmSync(folderOf(row.model_id, row.version), { recursive: true, force: true });
      }
      const idDir = path.join(modelsDir, id);
      if (existsSync(idDir) && selectById.all(id).length === 0) rmSync(idDir, { recursive: true, force: true });
      return { removed: rows.map((r) => ({ id: r.model_id, version: r.version })) };
    },

    setEnabled(id, enabled) {
      find(id);
      setEnabled.run(enabled ? 1 : 0, id);
      return this.list().filter((m) => m.manifest.id === id);
    },

    verify(id, version) {
      const row = find(id, version);
      const file = path.join(folderOf(row.model_id, row.version), 'model.onnx');
      if (!existsSync(file)) throw new AppError('MODEL_TAMPERED', `The installed file of ${row.model_id}@${row.version} is missing (${file}). Reinstall the package.`);
      const sha = sha256Hex(new Uint8Array(readFileSync(file)));
      if (sha !== row.sha256) {
        throw new AppError(
          'MODEL_TAMPERED',
          `The installed model file of ${row.model_id}@${row.version} was changed after installation (SHA-256 ${sha.slice(0, 12)}…, recorded ${row.sha256.slice(0, 12)}…) and will not be used. Reinstall the package from its original media.`,
        );
      }
      // head.onnx of a split network: its hash is in the manifest recorded at install.
      const head = (JSON.parse(row.manifest_json) as ModelManifest).head;
      if (head) {
        const headFile = path.join(folderOf(row.model_id, row.version), head.file);
        if (!existsSync(headFile)) throw new AppError('MODEL_TAMPERED', `The installed file ${head.file} of ${row.model_id}@${row.version} is missing. Reinstall the package.`);
        checkModelFile(headFile, head.sha256, head.sizeBytes, `of the installed ${row.model_id}@${row.version}`);
      }
      return { id: row.model_id, version: row.version, sha256: sha };
    },

    open(id, version, options) {
      const row = find(id, version);
      return createModelSession(path.join(folderOf(row.model_id, row.version), 'model.onnx'), row.sha256, options);
    },
  };
}
