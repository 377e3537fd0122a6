// Electron security checklist, as data and pure functions so tests can read them without an
// Electron binary: https://www.electronjs.org/docs/latest/tutorial/security
import { contentSecurityPolicy } from '../shared/csp';

/** The renderer's own origin: a privileged custom scheme, never file:// or http://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'yingdu';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Checklist items 2–4, 6, 7, 9–11: no Node, isolation, sandbox, web security, no webviews. */
export const SECURE_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  safeDialogs: true,
});

/** Checklist item 7: the policy sent with every renderer response of the app:// protocol. */
export const RENDERER_CSP = contentSecurityPolicy("'self'");

/** Checklist item 17: only our own top-level frame may call the contract. */
export function isTrustedSender(frameUrl: string | undefined, isMainFrame: boolean): boolean {
  if (!isMainFrame || !frameUrl) return false;
  try {
    const url = new URL(frameUrl);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Checklist items 13 and 14: navigation stays on our origin; new windows are never opened. */
export function isAllowedNavigation(targetUrl: string): boolean {
  try {
    const url = new URL(targetUrl);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}
