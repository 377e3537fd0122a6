// The one dispatcher both hosts use: arguments validated before a handler runs, unknown
// channels refused, exceptions never crossing the boundary.
import { describe, expect, it, vi } from 'vitest';
import { dispatchRequest, type HandlerContext, type HandlerTable } from '../../../electron/shared/handler-table';
import { AppError } from '../../../electron/shared/result';
import type { AppInfo } from '../../../electron/shared/app-info';

const info: AppInfo = {
  name: 'Yingdu',
  version: '0.0.0',
  host: 'web',
  dataDir: '/d',
  schemaVersion: 1,
  nodeVersion: '20',
  electronVersion: null,
  platform: 'linux-x64',
  onnxruntime: { version: '1', executionProviders: ['cpu'] },
};

function table(overrides: Partial<HandlerTable> = {}): HandlerTable {
  return {
    'app:info': () => info,
    'prefs:get': () => ({ language: 'en' }),
    'prefs:set': (patch) => ({ language: patch.language ?? 'en' }),
    ...overrides,
  } as HandlerTable;
}

const ctx: HandlerContext = { host: 'web', emit: () => {} };

describe('dispatchRequest', () => {
  it('returns the handler value in an ok envelope', async () => {
    expect(await dispatchRequest(table(), 'app:info', {}, ctx)).toEqual({ ok: true, value: info });
  });

  it('refuses unknown channels without calling anything', async () => {
    const result = await dispatchRequest(table(), 'shell:exec', {}, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await dispatchRequest(table(), '__proto__', {}, ctx)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await dispatchRequest(table(), 42, {}, ctx)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('validates arguments before the handler runs and returns the zod message', async () => {
    const handler = vi.fn();
    const result = await dispatchRequest(table({ 'prefs:set': handler }), 'prefs:set', { language: 'fr' }, ctx);
    expect(handler).not.toHaveBeenCalled();
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_ARGUMENT');
      expect(result.error.message).toMatch(/^language: /);
    }
    expect(await dispatchRequest(table(), 'prefs:set', { language: 'en', extra: 1 }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(await dispatchRequest(table(), 'prefs:set', 'en', ctx)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('turns an AppError into its code and an unexpected exception into INTERNAL without its message', async () => {
    const appError = await dispatchRequest(
      table({
        'app:info': () => {
          throw new AppError('NOT_FOUND', 'No such study.');
        },
      }),
      'app:info',
      {},
      ctx,
    );
    expect(appError).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No such study.' } });

    const sink = vi.fn();
    const crash = await dispatchRequest(
      table({
        'app:info': () => {
          throw new Error('patient WANG^XIAOMING exploded');
        },
      }),
      'app:info',
      {},
      ctx,
      sink,
    );
    expect(crash.ok).toBe(false);
    if (!crash.ok) {
      expect(crash.error.code).toBe('INTERNAL');
      expect(crash.error.message).not.toContain('WANG');
    }
    expect(sink).toHaveBeenCalledWith('app:info', expect.any(Error));
  });
});

describe('HandlerTable type', () => {
  it('does not compile when a handler is missing (checked by tsc -b on the test project)', () => {
    // @ts-expect-error — 'prefs:set' is missing: the table must cover every contract channel.
    const incomplete: HandlerTable = { 'app:info': () => info, 'prefs:get': () => ({ language: 'en' }) };
    expect(Object.keys(incomplete)).toHaveLength(2);
  });
});
