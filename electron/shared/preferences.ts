import { z } from 'zod';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Per-workstation preferences, stored in the database so every host and window shares them. */
export const preferencesSchema = z.object({
  language: z.enum(LANGUAGES),
});
export type Preferences = z.output<typeof preferencesSchema>;

export const DEFAULT_PREFERENCES: Preferences = { language: 'zh-CN' };

export const preferencesPatchSchema = preferencesSchema.partial().strict();
export type PreferencesPatch = z.output<typeof preferencesPatchSchema>;
