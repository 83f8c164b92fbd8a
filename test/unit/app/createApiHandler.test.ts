import { describe, expect, it } from 'vitest';
import { ok, type Result } from '../../../contract/errors';
import type { Connection } from '../../../main/api/types';
import { createApiHandler } from '../../../main/app/createApiHandler';
import { isTrustedSender } from '../../../main/app/isTrustedSender';

const WINDOW = 3;
const conn: Connection = { id: 'c1', transport: 'ipc', sessionId: null };
const fromOurPage = { sender: { id: WINDOW }, senderFrame: { url: 'app://firebreak/index.html', parent: null } };

function setup(handle: (c: Connection, method: string, input: unknown) => Promise<Result<unknown>>) {
  const calls: { conn: Connection; method: string; input: unknown; background?: boolean }[] = [];
  const logged: unknown[] = [];
  const handler = createApiHandler({
    backend: {
      handle: (c, method, input, opts) => {
        calls.push({ conn: c, method, input, ...(opts?.background === true ? { background: true } : {}) });
        return handle(c, method, input);
      },
    },
    isTrusted: (event) => isTrustedSender(event, new Set([WINDOW])),
    connectionFor: (id) => (id === WINDOW ? conn : undefined),
    logError: (error) => logged.push(error),
  });
  return { handler, calls, logged };
}

describe('createApiHandler', () => {
  it("passes a trusted call to the backend on the window's connection", async () => {
    const { handler, calls } = setup(() => Promise.resolve(ok({ initialized: false })));
    const result = await handler(fromOurPage, { method: 'vault.status', input: {} });
    expect(result).toEqual({ ok: true, value: { initialized: false } });
    expect(calls).toEqual([{ conn, method: 'vault.status', input: {} }]);
  });

  it('passes a background call on as such, so it does not keep the session alive (issue 13 §7)', async () => {
    const { handler, calls } = setup(() => Promise.resolve(ok(null)));
    await handler(fromOurPage, { method: 'incidents.list', input: {}, background: true });
    await handler(fromOurPage, { method: 'incidents.list', input: {}, background: 1 });
    expect(calls.map((c) => c.background ?? false)).toEqual([true, false]);
  });

  it('refuses a foreign frame without reaching the backend', async () => {
    const { handler, calls } = setup(() => Promise.resolve(ok(null)));
    const foreign = { sender: { id: WINDOW }, senderFrame: { url: 'https://evil.example/', parent: null } };
    const sub = { sender: { id: WINDOW }, senderFrame: { url: 'app://firebreak/index.html', parent: fromOurPage.senderFrame } };
    const other = { sender: { id: 42 }, senderFrame: { url: 'app://firebreak/index.html', parent: null } };
    for (const event of [foreign, sub, other]) {
      const result = await handler(event, { method: 'vault.status', input: {} });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('FORBIDDEN');
    }
    expect(calls).toEqual([]);
  });

  it('rejects a malformed message as VALIDATION', async () => {
    const { handler, calls } = setup(() => Promise.resolve(ok(null)));
    for (const message of [null, 'vault.status', { input: {} }, { method: 42 }]) {
      const result = await handler(fromOurPage, message);
      expect(result.ok ? null : result.error.code).toBe('VALIDATION');
    }
    expect(calls).toEqual([]);
  });

  it('turns a thrown error into INTERNAL without its message', async () => {
    const { handler, logged } = setup(() => Promise.reject(new Error('SQLITE_CORRUPT at /home/x/firebreak.db')));
    const result = await handler(fromOurPage, { method: 'incidents.list', input: {} });
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'internal error' } });
    expect(logged).toHaveLength(1);
  });
});
