import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataLayout, defaultUserDataDir, resolveDataDir } from '../../../../electron/core/app/data-dir';

describe('data folder', () => {
  it('matches Electron userData for "Yingdu" on each platform', () => {
    expect(defaultUserDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe('/x/Yingdu');
    expect(defaultUserDataDir({ APPDATA: 'C:\\Users\\r\\AppData\\Roaming' }, 'win32')).toContain('Yingdu');
    expect(defaultUserDataDir({}, 'darwin')).toContain(path.join('Library', 'Application Support', 'Yingdu'));
  });

  it('prefers --data, then YINGDU_DATA, then the per-user folder', () => {
    expect(resolveDataDir('/a', { YINGDU_DATA: '/b' })).toBe('/a');
    expect(resolveDataDir(undefined, { YINGDU_DATA: '/b' })).toBe('/b');
    expect(resolveDataDir(undefined, { XDG_CONFIG_HOME: '/c' })).toBe(path.resolve('/c/Yingdu/data'));
  });

  it('keeps every managed path inside the data folder', () => {
    const layout = dataLayout('/data');
    for (const p of Object.values(layout)) expect(p.startsWith('/data')).toBe(true);
  });
});
