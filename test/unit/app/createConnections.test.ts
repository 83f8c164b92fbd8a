import { describe, expect, it } from 'vitest';
import { TOPICS, type Topic, type Topics } from '../../../contract/events';
import type { Connection } from '../../../main/api/types';
import { createConnections, type ConnectionContents } from '../../../main/app/createConnections';

class FakeBackend {
  opened: Connection[] = [];
  closed: Connection[] = [];
  listeners = new Map<string, Map<Topic, Set<(payload: never) => void>>>();
  newConnection(transport: Connection['transport']): Connection {
    const conn = { id: `c${this.opened.length + 1}`, transport, sessionId: null };
    this.opened.push(conn);
    return conn;
  }
  closeConnection(conn: Connection): void {
    this.closed.push(conn);
  }
  subscribe<T extends Topic>(conn: Connection, topic: T, cb: (payload: Topics[T]) => void): () => void {
    const byTopic = this.listeners.get(conn.id) ?? new Map<Topic, Set<(payload: never) => void>>();
    this.listeners.set(conn.id, byTopic);
    const set = byTopic.get(topic) ?? new Set();
    byTopic.set(topic, set);
    set.add(cb);
    return () => set.delete(cb);
  }
  emit<T extends Topic>(conn: Connection, topic: T, payload: Topics[T]): void {
    for (const cb of this.listeners.get(conn.id)?.get(topic) ?? []) (cb as (p: Topics[T]) => void)(payload);
  }
  listenerCount(conn: Connection): number {
    return [...(this.listeners.get(conn.id)?.values() ?? [])].reduce((n, s) => n + s.size, 0);
  }
}

class FakeContents implements ConnectionContents {
  sent: { channel: string; message: unknown }[] = [];
  destroyed = false;
  private onDestroyed: (() => void)[] = [];
  constructor(readonly id: number) {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, message: unknown): void {
    this.sent.push({ channel, message });
  }
  once(_event: 'destroyed', listener: () => void): this {
    this.onDestroyed.push(listener);
    return this;
  }
  destroy(): void {
    this.destroyed = true;
    for (const listener of this.onDestroyed.splice(0)) listener();
  }
}

describe('createConnections', () => {
  it('opens one ipc connection per webContents', () => {
    const backend = new FakeBackend();
    const connections = createConnections(backend);
    const a = new FakeContents(1);
    const conn = connections.open(a);
    expect(conn.transport).toBe('ipc');
    expect(connections.open(a)).toBe(conn);
    expect(connections.get(1)).toBe(conn);
    expect(connections.open(new FakeContents(2))).not.toBe(conn);
    expect(backend.opened).toHaveLength(2);
  });

  it("forwards every push topic to its own window on the 'event' channel", () => {
    const backend = new FakeBackend();
    const connections = createConnections(backend);
    const a = new FakeContents(1);
    const b = new FakeContents(2);
    const connA = connections.open(a);
    connections.open(b);
    expect(backend.listenerCount(connA)).toBe(TOPICS.length);

    backend.emit(connA, 'session.ended', { reason: 'idle' });
    expect(a.sent).toEqual([{ channel: 'event', message: { topic: 'session.ended', payload: { reason: 'idle' } } }]);
    expect(b.sent).toEqual([]);
  });

  it('closes the connection and drops its subscriptions when the webContents is destroyed', () => {
    const backend = new FakeBackend();
    const connections = createConnections(backend);
    const a = new FakeContents(1);
    const conn = connections.open(a);
    a.destroy();
    expect(backend.closed).toEqual([conn]);
    expect(backend.listenerCount(conn)).toBe(0);
    expect(connections.get(1)).toBeUndefined();
    backend.emit(conn, 'timeline.appended', { seq: 1, type: 'x', incidentRef: null });
    expect(a.sent).toEqual([]);
  });
});
