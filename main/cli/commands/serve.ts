import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CliError, EXIT, usageError } from '../CliError';
import { toJson } from '../format';
import { packageRoot } from '../packageRoot';
import type { CommandSpec } from '../types';

/** The Vite output of this checkout. */
const RENDERER_DIR = join(packageRoot(), 'dist', 'renderer');
const DEFAULT_IDLE_MINUTES = 15;
const MAX_IDLE_MINUTES = 24 * 60;

export const serve: CommandSpec = {
  words: ['serve'],
  positionals: [],
  summary: 'browser mode: serve the console on 127.0.0.1 until Ctrl+C',
  session: 'none',
  options: {
    port: { type: 'string', value: 'N', description: 'port to listen on (default 0: a free port)' },
    host: { type: 'string', value: 'ADDR', description: 'only 127.0.0.1 (or localhost) is accepted' },
    'idle-minutes': {
      type: 'string',
      value: 'N',
      description: `sign a session out after N minutes without activity, locking the vault with the last one (1–${MAX_IDLE_MINUTES}, default ${DEFAULT_IDLE_MINUTES})`,
    },
  },
  // Browser mode is the app: it runs the backup schedules while someone allowed to is signed in.
  backendOptions: (values) => ({ idleTimeoutMs: parseIdleMinutes(values['idle-minutes'] as string | undefined) * 60_000, scheduleBackups: true }),
  details:
    'Prints a URL with a one-time token; open it in a browser and sign in on the page.\n' +
    'The token is exchanged for a session cookie on first use and is useless afterwards.\n' +
    'While someone allowed to run backups (admin, backup-operator) is signed in, plans with a\n' +
    'schedule run as that user (unless a `firebreak daemon` runs on the same data directory);\n' +
    'the scheduler\'s lines go to <data dir>/logs/scheduler.log.',
  examples: ['firebreak serve', 'firebreak serve --port 8443 --data-dir ./case-data', 'firebreak serve --idle-minutes 5'],
  run: async (ctx) => {
    const port = parsePort(ctx.values.port as string | undefined);
    const host = (ctx.values.host as string | undefined) ?? '127.0.0.1';
    const idleMinutes = parseIdleMinutes(ctx.values['idle-minutes'] as string | undefined);
    const { assertLoopbackHost, startWebHost } = await import('../../web');
    try {
      assertLoopbackHost(host);
    } catch (err) {
      throw usageError((err as Error).message);
    }
    if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
      throw new CliError(`no built renderer in ${RENDERER_DIR}: run \`npm run build:renderer\` first`, EXIT.error);
    }
    const web = await startWebHost({ backend: ctx.backend, port, host, rendererDir: RENDERER_DIR });
    ctx.print(ctx.json ? toJson({ url: web.url, port: web.port, dataDir: ctx.dataDir }) : web.url);
    ctx.note(`Serving ${ctx.dataDir} on 127.0.0.1:${web.port}. Open the URL above; press Ctrl+C to stop.`);
    ctx.note(`Sessions end and the vault locks after ${idleMinutes} idle minute${idleMinutes === 1 ? '' : 's'}.`);
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    ctx.note(`Received ${signal}, shutting down.`);
    await web.close();
    return EXIT.ok;
  },
};

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw usageError(`--port must be a number from 0 to 65535, not "${text}"`);
  return port;
}

function parseIdleMinutes(text: string | undefined): number {
  if (text === undefined) return DEFAULT_IDLE_MINUTES;
  const minutes = Number(text);
  if (!/^\d+$/.test(text) || minutes < 1 || minutes > MAX_IDLE_MINUTES) {
    throw usageError(`--idle-minutes must be a whole number from 1 to ${MAX_IDLE_MINUTES}, not "${text}"`);
  }
  return minutes;
}
