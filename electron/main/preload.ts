// Runs in the sandboxed preload world; exposes `window.yingdu` and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadBridge } from './preload-bridge';

contextBridge.exposeInMainWorld('yingdu', createPreloadBridge(ipcRenderer));
