// Runs in the sandboxed preload world; exposes `window.yingdu` and nothing else.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { IPC_INVOKE } from '../shared/client';
import { createPreloadBridge } from './preload-bridge';
import { installDropImport } from './preload-drop';

contextBridge.exposeInMainWorld('yingdu', createPreloadBridge(ipcRenderer));

installDropImport(
  window,
  (file) => webUtils.getPathForFile(file as File),
  (paths) => ipcRenderer.invoke(IPC_INVOKE, 'import:start', { paths }),
);
