import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { hostname as osHostname } from 'node:os';
import { createConnection, isIP, type Socket as TcpSocket } from 'node:net';
import type { SyslogSettings, SyslogStatus } from '../../contract';
import { formatSyslog } from './formatSyslog';
import type { AnySecurityRecord } from './toSecurityRecord';

export interface SyslogSenderOptions {
  /** Messages kept while the destination cannot be reached (default 1000); beyond, the oldest is dropped and counted. */
  maxQueue?: number;
  /** First wait before reconnecting (default 500 ms), doubled per failure up to maxBackoffMs (default 30 s). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** The first error of a run of failures (not each message's): the caller logs it and tells administrators. */
  onFailure: (err: NodeJS.ErrnoException) => void;
  /** Delivery works again after a run of failures. */
  onRecovered?: () => void;
  now?: () => number;
}

type Destination = Pick<SyslogSettings, 'host' | 'port' | 'transport' | 'facility' | 'appName'>;

/**
 * Sends security records to a syslog server as RFC 5424 messages: UDP (RFC 5426, one datagram per
 * message) or TCP (RFC 6587 octet counting: `LEN SP MSG`). Delivery never blocks or fails the
 * caller: `send` formats and queues and returns; the socket works off the queue in the background.
 * The queue is bounded (drop-oldest, counted), TCP reconnects with exponential backoff, and a run of
 * failures is reported once through `onFailure`. Syslog has no acknowledgement: a message written
 * to a connection the server then drops may be lost; the JSON-lines file is the complete record.
 */
export class SyslogSender {
  private dest: Destination | null = null;
  private readonly queue: string[] = [];
  private socket: TcpSocket | UdpSocket | null = null;
  private ready = false;
  /** A TCP write is waiting for 'drain'. */
  private blocked = false;
  /** UDP datagrams handed to the socket whose callback has not come yet. */
  private inFlight = 0;
  private timer: NodeJS.Timeout | null = null;
  private backoffMs: number;
  private sent = 0;
  private dropped = 0;
  private failing: { error: string; since: string } | null = null;
  /** Bumped on each (re)configuration: callbacks of an older socket are ignored. */
  private generation = 0;
  private closing: { resolve: () => void; deadline: NodeJS.Timeout } | null = null;
  private readonly maxQueue: number;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly now: () => number;
  private readonly host = osHostname();

  constructor(private readonly opts: SyslogSenderOptions) {
    this.maxQueue = opts.maxQueue ?? 1_000;
    this.minBackoffMs = opts.minBackoffMs ?? 500;
    this.maxBackoffMs = opts.maxBackoffMs ?? 30_000;
    this.backoffMs = this.minBackoffMs;
    this.now = opts.now ?? Date.now;
  }

  /** Sends to `dest` from now on (null or disabled: off, the queue is emptied). A changed destination reconnects. */
  configure(settings: SyslogSettings | null): void {
    const next: Destination | null = settings?.enabled === true
      ? { host: settings.host, port: settings.port, transport: settings.transport, facility: settings.facility, appName: settings.appName }
      : null;
    if (JSON.stringify(next) === JSON.stringify(this.dest)) return;
    this.disconnect();
    this.dest = next;
    this.failing = null;
    this.backoffMs = this.minBackoffMs;
    if (!next) this.queue.length = 0;
    // Connected at the first message, not before: a CLI run that streams nothing opens no connection.
    else if (this.queue.length > 0) this.connect();
  }

  get enabled(): boolean {
    return this.dest !== null;
  }

  /** Queues one message per record; returns at once. */
  send(records: readonly AnySecurityRecord[]): void {
    const dest = this.dest;
    if (!dest || this.closing) return;
    for (const record of records) {
      if (this.queue.length >= this.maxQueue) {
        this.queue.shift();
        this.dropped += 1;
      }
      this.queue.push(formatSyslog(record, { facility: dest.facility, hostname: this.host, appName: dest.appName, procId: process.pid }));
    }
    if (!this.socket && !this.timer) this.connect();
    this.pump();
  }

  status(): SyslogStatus {
    return {
      state: !this.dest ? 'off' : this.failing ? 'failing' : 'sending',
      queued: this.queue.length,
      sent: this.sent,
      dropped: this.dropped,
      lastError: this.failing?.error ?? null,
      failingSince: this.failing?.since ?? null,
    };
  }

  /**
   * Stops: what is queued gets up to `graceMs` to go out (a CLI run that recorded a failed
   * sign-in exits right after), then the socket is closed whatever is left.
   */
  close(graceMs = 2_000): Promise<void> {
    if (this.closing) return Promise.resolve();
    if (this.queue.length === 0 || !this.dest) {
      this.shutdown();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      // A ref'd timer keeps the process alive (sockets are unref'd) until the queue is out or the grace is over.
      const deadline = setTimeout(() => this.finishClose(), graceMs);
      this.closing = { resolve, deadline };
      this.pump();
    });
  }

  private finishClose(): void {
    const closing = this.closing;
    if (!closing) return;
    clearTimeout(closing.deadline);
    this.shutdown();
    closing.resolve();
  }

  private shutdown(): void {
    this.disconnect();
    this.dest = null;
    this.queue.length = 0;
  }

  private connect(): void {
    const dest = this.dest;
    if (!dest) return;
    const generation = ++this.generation;
    const current = () => generation === this.generation;
    if (dest.transport === 'udp') {
      // Unconnected: UDP has no delivery report, so a listener that is down goes unnoticed (RFC 5426 §3.1);
      // what is reported is what the host sees (a name that does not resolve, no route).
      const socket = createSocket(isIP(dest.host) === 6 ? 'udp6' : 'udp4');
      this.socket = socket;
      socket.on('error', (err) => current() && this.failed(err));
      socket.unref();
      this.ready = true;
      this.pump();
      return;
    }
    const socket = createConnection({ host: dest.host, port: dest.port });
    this.socket = socket;
    socket.unref();
    socket.setNoDelay(true);
    socket.on('connect', () => {
      if (!current()) return;
      this.ready = true;
      this.pump();
    });
    socket.on('drain', () => {
      if (!current()) return;
      this.blocked = false;
      this.pump();
    });
    socket.on('error', (err) => current() && this.failed(err));
    // The server closed the connection (restart, idle timeout): reconnect; no error of its own.
    socket.on('close', () => current() && this.failed(Object.assign(new Error('the syslog server closed the connection'), { code: 'ECONNRESET' })));
  }

  private pump(): void {
    const socket = this.socket;
    if (!this.ready || !socket || this.blocked) return;
    const generation = this.generation;
    while (this.queue.length > 0 && !this.blocked) {
      const message = this.queue.shift()!;
      if (isTcp(socket)) {
        // RFC 6587 §3.4.1 octet counting: the message's length in bytes, a space, the message.
        const bytes = Buffer.from(message, 'utf8');
        if (!socket.write(Buffer.concat([Buffer.from(`${bytes.length} `, 'ascii'), bytes]))) this.blocked = true;
        this.delivered();
      } else {
        const dest = this.dest!;
        this.inFlight += 1;
        socket.send(Buffer.from(message, 'utf8'), dest.port, dest.host, (err) => {
          this.inFlight -= 1;
          if (generation !== this.generation) return;
          if (err) this.failed(err);
          else this.delivered();
          this.settleClose();
        });
      }
    }
    this.settleClose();
  }

  private delivered(): void {
    this.sent += 1;
    if (this.failing) {
      this.failing = null;
      this.opts.onRecovered?.();
    }
    this.backoffMs = this.minBackoffMs;
  }

  private settleClose(): void {
    if (!this.closing || this.queue.length > 0 || this.inFlight > 0) return;
    const socket = this.socket;
    if (socket && isTcp(socket)) socket.end(() => this.finishClose());
    else setImmediate(() => this.finishClose());
  }

  private failed(err: NodeJS.ErrnoException): void {
    this.disconnect();
    const first = !this.failing;
    if (first) this.failing = { error: typeof err.code === 'string' ? err.code : err.message.slice(0, 200), since: new Date(this.now()).toISOString() };
    if (this.closing) this.finishClose();
    else {
      const wait = this.backoffMs;
      this.backoffMs = Math.min(this.maxBackoffMs, this.backoffMs * 2);
      this.timer = setTimeout(() => {
        this.timer = null;
        this.connect();
      }, wait);
      this.timer.unref();
    }
    // Last: the report may send (the failure is itself a security record), which must find the reconnect scheduled.
    if (first) this.opts.onFailure(err);
  }

  private disconnect(): void {
    this.generation += 1;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const socket = this.socket;
    this.socket = null;
    this.ready = false;
    this.blocked = false;
    this.inFlight = 0;
    if (!socket) return;
    if (isTcp(socket)) socket.destroy();
    else {
      try {
        socket.close();
      } catch {
        // Already closed.
      }
    }
  }
}

const isTcp = (socket: TcpSocket | UdpSocket): socket is TcpSocket => 'setNoDelay' in socket;
