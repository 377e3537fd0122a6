import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

describe('packaging fuses', () => {
  it('disable Node entry points and enforce asar integrity', () => {
    const { FUSE_SETTINGS } = require('../../../build/scripts/fuses.cjs') as { FUSE_SETTINGS: Record<string, boolean> };
    const { FuseV1Options } = require('@electron/fuses') as { FuseV1Options: Record<string, number> };
    expect(FUSE_SETTINGS).toMatchObject({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
    });
    for (const fuse of Object.keys(FUSE_SETTINGS)) expect(FuseV1Options[fuse], fuse).toBeTypeOf('number');
  });
});
