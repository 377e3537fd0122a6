import type { Language } from '../preferences';
import { type MessageKey, en } from './en';
import { zhCN } from './zh-CN';
import type { ErrorCode } from '../result';

export type { MessageKey };

const catalogs: Record<Language, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

export function translate(language: Language, key: MessageKey): string {
  return catalogs[language][key];
}

export function errorMessageKey(code: ErrorCode): MessageKey {
  return `error.code.${code}`;
}
