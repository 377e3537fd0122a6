import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, loadWindowState, saveWindowState } from '../../../electron/main/window-state';
import { makeTempDir } from '../../support/temp-dir';

describe('window state', () => {
  const temp = makeTempDir();
  afterAll(() => temp.remove());
  const file = path.join(temp.dir, 'window-state.json');

  it('round-trips saved bounds', () => {
    saveWindowState(file, { x: 10, y: 20, width: 1200, height: 900, maximized: false });
    expect(loadWindowState(file)).toEqual({ x: 10, y: 20, width: 1200, height: 900, maximized: false });
  });

  it('falls back to defaults for missing, corrupt or absurd state', () => {
    expect(loadWindowState(path.join(temp.dir, 'none.json'))).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(file, '{oops');
    expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(file, JSON.stringify({ width: 5, height: 1e9, maximized: 'yes' }));
    expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
  });
});
