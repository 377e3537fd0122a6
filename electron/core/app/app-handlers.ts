import type { AppInfo, HostKind } from '../../shared/app-info';
import type { HandlerTable } from '../../shared/handler-table';
import { type Database, schemaVersion } from '../store/database';
import { onnxRuntimeInfo } from '../inference/runtime/onnx-runtime';
import { APP_VERSION } from './version';

export interface AppInfoDeps {
  db: Database;
  dataDir: string;
  host: HostKind;
  electronVersion?: string | null;
}

export function readAppInfo(deps: AppInfoDeps): AppInfo {
  return {
    name: 'Yingdu',
    version: APP_VERSION,
    host: deps.host,
    dataDir: deps.dataDir,
    schemaVersion: schemaVersion(deps.db),
    nodeVersion: process.versions.node,
    electronVersion: deps.electronVersion ?? process.versions.electron ?? null,
    platform: `${process.platform}-${process.arch}`,
    onnxruntime: onnxRuntimeInfo(),
  };
}

export function createAppHandlers(deps: AppInfoDeps): Pick<HandlerTable, 'app:info'> {
  return { 'app:info': () => readAppInfo(deps) };
}
