// Electron's security checklist, read from the options the host really uses.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  isAllowedNavigation,
  isTrustedSender,
  RENDERER_CSP,
  SECURE_WEB_PREFERENCES,
} from '../../../electron/main/security-policy';
import { REPO_ROOT } from '../../support/shared-data';

describe('Electron window hardening', () => {
  it('isolates and sandboxes the renderer with no Node', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
  });

  it('loads the renderer from the app:// origin, never file:// or a remote URL', () => {
    expect(APP_ENTRY_URL).toBe('app://yingdu/index.html');
    const main = readFileSync(path.join(REPO_ROOT, 'electron/main/main.ts'), 'utf8');
    expect(main).toContain('loadURL(APP_ENTRY_URL)');
    expect(main).not.toMatch(/loadFile|file:\/\/|https?:\/\//);
    expect(main).toContain("setWindowOpenHandler(() => ({ action: 'deny' }))");
    expect(main).toContain('setPermissionRequestHandler');
    expect(main).toContain('webPreferences: { ...SECURE_WEB_PREFERENCES');
  });

  it('sends a strict CSP: no remote origins, no inline or eval scripts', () => {
    expect(RENDERER_CSP).toContain("default-src 'none'");
    expect(RENDERER_CSP).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(RENDERER_CSP).not.toMatch(/ 'unsafe-eval'|https?:|\*/);
    expect(RENDERER_CSP).toContain("frame-ancestors 'none'");
  });

  it('accepts IPC only from our own main frame', () => {
    expect(isTrustedSender('app://yingdu/index.html', true)).toBe(true);
    expect(isTrustedSender('app://yingdu/index.html#/viewer/1.2.3', true)).toBe(true);
    expect(isTrustedSender('app://yingdu/index.html', false)).toBe(false);
    expect(isTrustedSender('app://evil/index.html', true)).toBe(false);
    expect(isTrustedSender('https://yingdu/index.html', true)).toBe(false);
    expect(isTrustedSender('file:///etc/passwd', true)).toBe(false);
    expect(isTrustedSender(undefined, true)).toBe(false);
    expect(isTrustedSender('not a url', true)).toBe(false);
  });

  it('keeps navigation on the app origin', () => {
    expect(isAllowedNavigation('app://yingdu/index.html#/worklist')).toBe(true);
    expect(isAllowedNavigation('https://example.com/')).toBe(false);
    expect(isAllowedNavigation('app://other/')).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)')).toBe(false);
  });

  it('exposes exactly invoke and on from the preload', () => {
    const preload = readFileSync(path.join(REPO_ROOT, 'electron/main/preload.ts'), 'utf8');
    expect(preload.match(/exposeInMainWorld/g)).toHaveLength(1);
    expect(preload).toContain("exposeInMainWorld('yingdu', createPreloadBridge(ipcRenderer))");
  });
});
