// Messages of the loopback WebSocket between the renderer client and the web host.
import { z } from 'zod';
import type { AppErrorShape, Result } from './result';

const clientMessageSchema = z.object({
  id: z.number().int().nonnegative(),
  channel: z.string().max(64),
  args: z.unknown(),
});
export type ClientMessage = z.output<typeof clientMessageSchema>;

export type ServerMessage =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: string; payload: unknown }
  | { type: 'error'; error: AppErrorShape };

export function parseClientMessage(text: string): ClientMessage | null {
  try {
    const parsed = clientMessageSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
