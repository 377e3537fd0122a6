import { describe, expect, it } from 'vitest';
import { EVENT_NAMES, REQUEST_CHANNELS, events, requests } from '../../../electron/shared/contract';
import { en } from '../../../electron/shared/i18n/en';
import { zhCN } from '../../../electron/shared/i18n/zh-CN';
import { ERROR_CODES } from '../../../electron/shared/result';

describe('contract', () => {
  it('names every request domain:verb and gives it an argument schema', () => {
    for (const channel of REQUEST_CHANNELS) {
      expect(channel).toMatch(/^[a-z]+(-[a-z]+)*:[a-z][A-Za-z]*$/);
      expect(typeof requests[channel].args.safeParse).toBe('function');
    }
  });

  it('names every event domain:verb and gives it a payload schema', () => {
    for (const name of EVENT_NAMES) {
      expect(name).toMatch(/^[a-z]+(-[a-z]+)*:[a-z][A-Za-z]*$/);
      expect(typeof events[name].safeParse).toBe('function');
    }
  });

  it('rejects extra argument keys on every request (strict schemas)', () => {
    for (const channel of REQUEST_CHANNELS) {
      const parsed = requests[channel].args.safeParse({ __unexpected__: 1 });
      expect(parsed.success, channel).toBe(false);
    }
  });
});

describe('message catalogs', () => {
  it('translate every key into Chinese (not left in English)', () => {
    const untranslated = Object.keys(en).filter((key) => {
      const value = zhCN[key as keyof typeof en];
      return !value || (value === en[key as keyof typeof en] && /[a-z]{4,}/.test(value) && !['ONNX Runtime', 'Node.js', 'Electron', 'English'].includes(value));
    });
    expect(untranslated).toEqual([]);
  });

  it('have a message for every error code in both languages', () => {
    for (const code of ERROR_CODES) {
      expect(en[`error.code.${code}`], code).toBeTruthy();
      expect(zhCN[`error.code.${code}`], code).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
