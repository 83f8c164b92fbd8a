import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { splitOctetCounted } from './parseSyslog';

/** Resolves when `check` holds, polling the event loop (no fixed sleeps). */
export async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A real TCP syslog listener on 127.0.0.1: collects RFC 6587 octet-counted messages. */
export class TcpListener {
  readonly messages: string[] = [];
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async start(port = 0): Promise<void> {
    this.server = createServer((socket) => {
      this.sockets.add(socket);
      let buffer: Buffer = Buffer.alloc(0);
      socket.on('data', (chunk) => {
        const split = splitOctetCounted(Buffer.concat([buffer, chunk]));
        for (const m of split.messages) this.messages.push(m);
        buffer = split.rest;
      });
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Down: connections cut, nothing listens on the port. */
  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A real UDP syslog listener on 127.0.0.1: one message per datagram. */
export class UdpListener {
  readonly messages: string[] = [];
  private socket: UdpSocket | null = null;
  port = 0;

  async start(): Promise<void> {
    const socket = createSocket('udp4');
    this.socket = socket;
    socket.on('message', (msg) => this.messages.push(msg.toString('utf8')));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    this.port = socket.address().port;
  }

  async stop(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }
}
