// The typed handler table and the one place arguments are validated. Both hosts call
// `dispatchRequest`; neither trusts the renderer.
import type { z } from 'zod';
import {
  type EventName,
  type ParsedArgsOf,
  type PayloadOf,
  type RequestChannel,
  type ResultOf,
  isRequestChannel,
  requests,
} from './contract';
import type { HostKind } from './app-info';
import { AppError, type Result, fail, ok } from './result';

export interface HandlerContext {
  host: HostKind;
  /** Push an event to every connected renderer of this host. */
  emit<E extends EventName>(event: E, payload: PayloadOf<E>): void;
}

export type Handler<C extends RequestChannel> = (
  args: ParsedArgsOf<C>,
  ctx: HandlerContext,
) => ResultOf<C> | Promise<ResultOf<C>>;

/** A handler for every channel: leaving one out is a compile error. */
export type HandlerTable = { [C in RequestChannel]: Handler<C> };

/** Logs an unexpected failure without request arguments (they may carry PHI). */
export type InternalErrorSink = (channel: string, error: unknown) => void;

export async function dispatchRequest(
  table: HandlerTable,
  channel: unknown,
  rawArgs: unknown,
  ctx: HandlerContext,
  onInternalError: InternalErrorSink = () => {},
): Promise<Result<unknown>> {
  if (!isRequestChannel(channel)) {
    return fail('UNKNOWN_CHANNEL', `Unknown request channel: ${String(channel).slice(0, 64)}`);
  }
  const schema: z.ZodType = requests[channel].args;
  const parsed = schema.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    return fail('INVALID_ARGUMENT', formatZodError(parsed.error));
  }
  try {
    const handler = table[channel] as (args: unknown, ctx: HandlerContext) => unknown;
    return ok(await handler(parsed.data, ctx));
  } catch (error) {
    if (error instanceof AppError) return fail(error.code, error.message);
    onInternalError(channel, error);
    return fail('INTERNAL', 'An unexpected error occurred; details are in the workstation log.');
  }
}

function formatZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(arguments)'}: ${issue.message}`)
    .join('; ');
}
