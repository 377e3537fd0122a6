// The Electron host: one hardened window on the app:// origin, the core's handler table behind
// one validated IPC channel, and nothing else reachable from the renderer.
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analysisBulkResponse, isAnalysisBulkPath } from '../core/inference/jobs/analysis-bulk';
import { bulkResponse, isBulkPath } from '../core/viewer/bulk-volume';
import { resolveDataDir } from '../core/app/data-dir';
import { type Core, createCore } from '../core/core';
import { IPC_EVENT, IPC_INVOKE } from '../shared/client';
import { fail } from '../shared/result';
import {
  APP_ENTRY_URL,
  APP_HOST,
  APP_SCHEME,
  isAllowedNavigation,
  isTrustedSender,
  RENDERER_CSP,
  SECURE_WEB_PREFERENCES,
} from './security-policy';
import { loadWindowState, saveWindowState } from './window-state';

const rendererDir = path.join(__dirname, '..', 'renderer');

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) app.quit();

let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

app.on('second-instance', () => {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
});

app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => void core?.close());

void app.whenReady().then(() => {
  core = createCore({
    dataDir: resolveDataDir(process.env.YINGDU_DATA ?? path.join(app.getPath('userData'), 'data')),
    host: 'electron',
    electronVersion: process.versions.electron,
    // The reader picks what to import in the system dialog; only those paths are ever read.
    choosePaths: async (mode) => {
      const options: Electron.OpenDialogOptions = {
        properties: mode === 'folder' ? ['openDirectory'] : ['openFile', 'multiSelections'],
      };
      const chosen = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
      return chosen.canceled ? [] : chosen.filePaths;
    },
  });
  const activeCore = core;

  // Checklist 5: deny every permission (camera, notifications, …); the reader needs none.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    // Voxels travel by this protocol, not IPC (ARCHITECTURE §1); only series the database knows.
    if (url.host === APP_HOST && isBulkPath(url.pathname)) return bulkResponse(activeCore.volumes, url.pathname);
    if (url.host === APP_HOST && isAnalysisBulkPath(url.pathname)) {
      return analysisBulkResponse(activeCore.jobs.analyses, activeCore.layout.root, url.pathname);
    }
    const file = path.resolve(rendererDir, `.${path.posix.normalize(decodeURIComponent(url.pathname))}`);
    if (url.host !== APP_HOST || !file.startsWith(rendererDir + path.sep)) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', RENDERER_CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });

  ipcMain.handle(IPC_INVOKE, async (event, channel: unknown, args: unknown) => {
    const frame = event.senderFrame;
    if (!frame || !isTrustedSender(frame.url, frame === event.sender.mainFrame)) {
      return fail('FORBIDDEN_SENDER', 'Requests are accepted only from the Yingdu window.');
    }
    return activeCore.dispatch(channel, args);
  });

  activeCore.events.subscribe((name, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(IPC_EVENT, name, payload);
  });

  Menu.setApplicationMenu(null);
  createMainWindow();
});

function createMainWindow(): void {
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const state = loadWindowState(stateFile);
  mainWindow = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    backgroundColor: '#0b0d10',
    title: 'Yingdu 影读',
    show: false,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: path.join(__dirname, 'preload.cjs') },
  });
  if (state.maximized) mainWindow.maximize();
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('close', () => {
    if (!mainWindow) return;
    const bounds = mainWindow.getNormalBounds();
    saveWindowState(stateFile, { ...bounds, maximized: mainWindow.isMaximized() });
  });
  void mainWindow.loadURL(APP_ENTRY_URL);
}
