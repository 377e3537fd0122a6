import { z } from 'zod';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Per-workstation preferences, stored in the database so every host and window shares them. */
export const preferencesSchema = z.object({
  language: z.enum(LANGUAGES),
  /**
   * The reader's own key bindings: shortcut id → chords ("Ctrl+K"), replacing the defaults of
   * renderer/src/shortcuts/shortcut-definitions.ts for that id. Absent = all defaults.
   */
  shortcuts: z.record(z.string().min(1).max(64), z.array(z.string().min(1).max(40)).max(4)).optional(),
  /** Queue matching AI models on newly imported series (absent = on). */
  aiAutoRun: z.boolean().optional(),
  /** Allow experimental, unvalidated AI models to run (absent = off; never on by default). */
  aiExperimental: z.boolean().optional(),
});
export type Preferences = z.output<typeof preferencesSchema>;

export const aiAutoRunEnabled = (p: Preferences): boolean => p.aiAutoRun !== false;
export const experimentalModelsEnabled = (p: Preferences): boolean => p.aiExperimental === true;

export const DEFAULT_PREFERENCES: Preferences = { language: 'zh-CN' };

export const preferencesPatchSchema = preferencesSchema.partial().strict();
export type PreferencesPatch = z.output<typeof preferencesPatchSchema>;
