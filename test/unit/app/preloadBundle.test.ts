import { readFileSync, rmSync } from 'node:fs';
import { createContext, runInContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundles } from './buildBundles';

type Listener = (event: unknown, message: unknown) => void;

/**
 * Runs the built preload the way a sandboxed renderer does: a bare JavaScript realm with no
 * Node globals, whose `require` knows only `electron`.
 */
function runSandboxed(code: string) {
  const required: string[] = [];
  const exposed: { key: string; api: unknown }[] = [];
  const invoked: unknown[][] = [];
  const listeners: Listener[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push({ key, api }) },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        invoked.push(args);
        return Promise.resolve({ ok: true, value: 'from main' });
      },
      on: (_channel: string, listener: Listener) => listeners.push(listener),
      removeListener: (_channel: string, listener: Listener) => listeners.splice(listeners.indexOf(listener), 1),
    },
  };
  const module = { exports: {} };
  const context = createContext({
    module,
    exports: module.exports,
    require: (id: string) => {
      required.push(id);
      if (id === 'electron') return electron;
      throw new Error(`module not found: ${id}`);
    },
  });
  runInContext(code, context, { filename: 'preload.cjs' });
  return { required, exposed, invoked, listeners };
}

describe('the bundled preload (dist/preload/preload.cjs)', () => {
  let sandbox: ReturnType<typeof runSandboxed>;
  beforeAll(() => {
    const bundles = buildBundles();
    try {
      sandbox = runSandboxed(readFileSync(bundles.preload, 'utf8'));
    } finally {
      rmSync(bundles.dir, { recursive: true, force: true });
    }
  });

  it('requires nothing but electron', () => {
    expect([...new Set(sandbox.required)]).toEqual(['electron']);
  });

  it('exposes one object, window.firebreak, with call and subscribe only', () => {
    expect(sandbox.exposed.map((e) => e.key)).toEqual(['firebreak']);
    expect(Object.keys(sandbox.exposed[0]?.api as object).sort()).toEqual(['call', 'subscribe']);
  });

  it('calls through the api channel and delivers push payloads', async () => {
    const api = sandbox.exposed[0]?.api as {
      call(method: string, input: unknown): Promise<unknown>;
      subscribe(topic: string, cb: (payload: unknown) => void): () => void;
    };
    expect(await api.call('vault.status', {})).toEqual({ ok: true, value: 'from main' });
    expect(sandbox.invoked).toEqual([['api', { method: 'vault.status', input: {} }]]);
    expect(await api.call('no.such', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });

    const got: unknown[] = [];
    const off = api.subscribe('session.ended', (p) => got.push(p));
    for (const listener of sandbox.listeners) listener({}, { topic: 'session.ended', payload: { reason: 'locked' } });
    off();
    expect(got).toEqual([{ reason: 'locked' }]);
    expect(sandbox.listeners).toHaveLength(0);
  });
});
