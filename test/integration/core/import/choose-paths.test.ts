// `import:choosePaths` is the desktop app's native dialog. The web host has none and says so;
// with a dialog (Electron's cannot run here: a function returning fixed paths stands in for it)
// the chosen paths come back for `import:start`.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../../electron/core/core';
import { makeTempDir } from '../../../support/temp-dir';

describe('import:choosePaths', () => {
  const temp = makeTempDir();
  afterAll(() => temp.remove());

  it('is UNAVAILABLE with a sentence on a host without a native dialog', async () => {
    const core = createCore({ dataDir: path.join(temp.dir, 'web'), host: 'web' });
    try {
      const result = await core.dispatch('import:choosePaths', { mode: 'folder' });
      expect(result).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
      if (!result.ok) expect(result.error.message).toContain('type a path');
    } finally {
      await core.close();
    }
  });

  it('returns what the dialog chose, and validates the mode', async () => {
    const asked: string[] = [];
    const core = createCore({
      dataDir: path.join(temp.dir, 'desktop'),
      host: 'electron',
      choosePaths: async (mode) => {
        asked.push(mode);
        return mode === 'folder' ? ['/media/cdrom'] : [];
      },
    });
    try {
      expect(await core.dispatch('import:choosePaths', { mode: 'folder' })).toEqual({ ok: true, value: { paths: ['/media/cdrom'] } });
      expect(await core.dispatch('import:choosePaths', { mode: 'files' })).toEqual({ ok: true, value: { paths: [] } });
      expect(await core.dispatch('import:choosePaths', { mode: 'anything' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
      expect(asked).toEqual(['folder', 'files']);
    } finally {
      await core.close();
    }
  });
});
