import { fail, type Result } from '../../contract/errors';
import type { Backend, Connection } from '../api/types';
import type { IpcSenderLike } from './isTrustedSender';

export interface ApiHandlerDeps {
  backend: Pick<Backend, 'handle'>;
  isTrusted(event: IpcSenderLike): boolean;
  connectionFor(webContentsId: number): Connection | undefined;
  /** Where unexpected failures are recorded; the renderer only ever sees a generic INTERNAL. */
  logError?(error: unknown): void;
}

function isCallMessage(message: unknown): message is { method: string; input: unknown } {
  return typeof message === 'object' && message !== null && typeof (message as { method?: unknown }).method === 'string';
}

/**
 * The body of `ipcMain.handle('api', …)`. It always resolves to a Result: a thrown error would
 * reach the renderer as a bare message string, which is neither typed nor safe to show.
 */
export function createApiHandler(deps: ApiHandlerDeps): (event: IpcSenderLike, message: unknown) => Promise<Result<unknown>> {
  return async (event, message) => {
    if (!deps.isTrusted(event)) return fail('FORBIDDEN', 'calls are accepted only from the Firebreak window');
    const conn = deps.connectionFor(event.sender.id);
    if (conn === undefined) return fail('FORBIDDEN', 'this window has no connection');
    if (!isCallMessage(message)) return fail('VALIDATION', 'expected {method, input}');
    try {
      // `background: true` marks a call the window made on its own (a refetch after a push): it does not keep the session alive.
      return await deps.backend.handle(conn, message.method, message.input, { background: (message as { background?: unknown }).background === true });
    } catch (error) {
      deps.logError?.(error);
      return fail('INTERNAL', 'internal error');
    }
  };
}
