import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../contract/api';
import { createBridge, type IpcRendererLike } from '../../../preload/createBridge';

type Listener = (event: unknown, message: unknown) => void;

class FakeIpcRenderer implements IpcRendererLike {
  invoked: { channel: string; args: unknown[] }[] = [];
  listeners = new Map<string, Listener[]>();
  reply: (message: unknown) => Promise<unknown> = () => Promise.resolve({ ok: true, value: 'pong' });
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return this.reply(args[0]);
  }
  on(channel: string, listener: Listener): this {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
    return this;
  }
  removeListener(channel: string, listener: Listener): this {
    this.listeners.set(channel, (this.listeners.get(channel) ?? []).filter((l) => l !== listener));
    return this;
  }
  count(channel: string): number {
    return this.listeners.get(channel)?.length ?? 0;
  }
  push(message: unknown): void {
    for (const listener of [...(this.listeners.get('event') ?? [])]) listener({ sender: 'ipc internals' }, message);
  }
}

describe('createBridge', () => {
  it('exposes exactly call and subscribe', () => {
    const bridge = createBridge(new FakeIpcRenderer());
    expect(Object.keys(bridge).sort()).toEqual(['call', 'subscribe']);
  });

  it("sends a contract method over the 'api' channel and returns the Result", async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    const result = await bridge.call('vault.status', {});
    expect(result).toEqual({ ok: true, value: 'pong' });
    expect(ipc.invoked).toEqual([{ channel: 'api', args: [{ method: 'vault.status', input: {} }] }]);
    for (const method of METHOD_NAMES) await bridge.call(method, {});
    expect(ipc.invoked).toHaveLength(1 + METHOD_NAMES.length);
  });

  it('marks a background call in the message, and only then (issue 13 §7)', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    await bridge.call('incidents.list', {}, { background: true });
    await bridge.call('incidents.list', {}, { background: false });
    await bridge.call('incidents.list', {});
    expect(ipc.invoked.map((i) => i.args[0])).toEqual([
      { method: 'incidents.list', input: {}, background: true },
      { method: 'incidents.list', input: {} },
      { method: 'incidents.list', input: {} },
    ]);
  });

  it('refuses a name that is not a contract method without touching IPC', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    for (const name of ['fs.readFile', '__proto__', 'constructor', 'toString', '']) {
      // The page is untrusted: it can pass any string whatever the types say.
      const result = await (bridge.call as (m: string, i: unknown) => Promise<unknown>)(name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
    expect(ipc.invoked).toEqual([]);
  });

  it('turns a rejected invoke or a malformed reply into an INTERNAL Result', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    ipc.reply = () => Promise.reject(new Error("Error invoking remote method 'api': boom"));
    expect(await bridge.call('vault.status', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    ipc.reply = () => Promise.resolve({ value: 1 });
    expect(await bridge.call('vault.status', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('delivers only payloads of the subscribed topic, never the IPC event', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    const got: unknown[][] = [];
    bridge.subscribe('session.ended', (...args: unknown[]) => got.push(args));
    ipc.push({ topic: 'session.ended', payload: { reason: 'idle' } });
    ipc.push({ topic: 'timeline.appended', payload: { seq: 1, type: 'x', incidentRef: null } });
    ipc.push({ topic: 'nonsense', payload: 1 });
    ipc.push('garbage');
    expect(got).toEqual([[{ reason: 'idle' }]]);
  });

  it('unsubscribe really removes that callback, and the IPC listener with the last one', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    const a: unknown[] = [];
    const b: unknown[] = [];
    const cb = (p: unknown) => a.push(p);
    const offA = bridge.subscribe('session.ended', cb);
    const offA2 = bridge.subscribe('session.ended', cb);
    const offB = bridge.subscribe('session.ended', (p) => b.push(p));
    expect(ipc.count('event')).toBe(1);

    offA();
    offA();
    ipc.push({ topic: 'session.ended', payload: 1 });
    expect(a).toEqual([1]);
    expect(b).toEqual([1]);

    offA2();
    offB();
    expect(ipc.count('event')).toBe(0);
    ipc.push({ topic: 'session.ended', payload: 2 });
    expect(a).toEqual([1]);
    expect(b).toEqual([1]);

    bridge.subscribe('session.ended', cb);
    expect(ipc.count('event')).toBe(1);
  });

  it('tolerates a callback that unsubscribes while events are delivered', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    const seen: string[] = [];
    const off = bridge.subscribe('session.ended', () => {
      seen.push('first');
      off();
    });
    bridge.subscribe('session.ended', () => seen.push('second'));
    ipc.push({ topic: 'session.ended', payload: {} });
    ipc.push({ topic: 'session.ended', payload: {} });
    expect(seen).toEqual(['first', 'second', 'second']);
  });

  it('refuses unknown topics and non-function callbacks', () => {
    const bridge = createBridge(new FakeIpcRenderer());
    const subscribe = bridge.subscribe as (topic: string, cb: unknown) => () => void;
    expect(() => subscribe('ipc.raw', () => undefined)).toThrow(TypeError);
    expect(() => subscribe('session.ended', 'not a function')).toThrow(TypeError);
  });
});
