// Remembers the window's bounds between runs (in the user-data folder, never in the data folder).
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(800).max(16384),
  height: z.number().int().min(600).max(16384),
  maximized: z.boolean(),
});
export type WindowState = z.output<typeof windowStateSchema>;

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1600, height: 1000, maximized: true };

export function loadWindowState(file: string): WindowState {
  try {
    const parsed = windowStateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : DEFAULT_WINDOW_STATE;
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  try {
    writeFileSync(file, JSON.stringify(state), { mode: 0o600 });
  } catch {
    // Losing the window position is not worth an error dialog.
  }
}
