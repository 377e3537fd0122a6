import { createContext, useContext } from 'react';
import type { YingduClient } from '../../../electron/shared/client';
import type { ArgsOf, RequestChannel, ResultOf } from '../../../electron/shared/contract';
import { errorStore } from './error-store';

export const ClientContext = createContext<YingduClient | null>(null);

export function useClient(): YingduClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside ClientContext');
  return client;
}

/** Invokes a request and shows a failure in the error area; resolves to the value or null. */
export async function call<C extends RequestChannel>(
  client: YingduClient,
  channel: C,
  args: ArgsOf<C>,
): Promise<ResultOf<C> | null> {
  const result = await client.invoke(channel, args);
  if (result.ok) return result.value;
  errorStore.push(result.error, channel);
  return null;
}
