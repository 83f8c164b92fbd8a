import { createContext, useContext } from 'react';
import type { FirebreakClient } from '../../contract';

export const ClientContext = createContext<FirebreakClient | null>(null);

/** The typed API client: the only way the UI reaches the backend. */
export function useClient(): FirebreakClient {
  const client = useContext(ClientContext);
  if (client === null) throw new Error('useClient outside <ClientContext>');
  return client;
}
