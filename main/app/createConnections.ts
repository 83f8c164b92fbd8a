import { TOPICS, type Topic, type Topics } from '../../contract/events';
import type { Backend, Connection } from '../api/types';
import { EVENT_CHANNEL } from './channels';

/** The parts of a WebContents a connection needs (a real WebContents satisfies it). */
export interface ConnectionContents {
  readonly id: number;
  isDestroyed(): boolean;
  send(channel: string, message: { topic: Topic; payload: Topics[Topic] }): void;
  once(event: 'destroyed', listener: () => void): unknown;
}

export interface Connections {
  /** Opens the one connection of a webContents; it is closed when the webContents is destroyed. */
  open(contents: ConnectionContents): Connection;
  get(webContentsId: number): Connection | undefined;
}

/**
 * One backend connection per webContents, so a session signed in by one window is bound to it
 * alone and ends when it closes. Every push topic is forwarded; the backend decides per session
 * what a connection may receive.
 */
export function createConnections(backend: Pick<Backend, 'newConnection' | 'closeConnection' | 'subscribe'>): Connections {
  const byContents = new Map<number, Connection>();
  return {
    open(contents) {
      const existing = byContents.get(contents.id);
      if (existing) return existing;
      const conn = backend.newConnection('ipc');
      byContents.set(contents.id, conn);
      const unsubscribes = TOPICS.map((topic) =>
        backend.subscribe(conn, topic, (payload) => {
          if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, { topic, payload });
        }),
      );
      contents.once('destroyed', () => {
        for (const unsubscribe of unsubscribes) unsubscribe();
        byContents.delete(contents.id);
        backend.closeConnection(conn);
      });
      return conn;
    },
    get: (id) => byContents.get(id),
  };
}
