import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Topics } from '../../../contract';
import { createBackend } from '../../../main/api/createBackend';
import type { Backend } from '../../../main/api/types';
import { startWebHost, type WebHost } from '../../../main/web';
import { httpRequest } from './httpRequest';

let dir: string;
let backend: Backend;
let host: WebHost;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fb-web-real-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  // A low scrypt cost keeps this test fast; the cost itself is the vault's tests' business.
  backend = await createBackend({ dataDir: join(dir, 'data'), testOnlyKdfLogN: 10 });
  host = await startWebHost({ backend, port: 0, rendererDir: dir });
});

afterEach(async () => {
  await host.close();
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('browser mode with the real backend', () => {
  it('creates a vault through /api and pushes the appended log events over /events', async () => {
    const exchanged = await httpRequest(host.port, {
      method: 'POST',
      path: '/session/exchange',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: new URL(host.url).hash.replace('#token=', '') }),
    });
    const cookie = (exchanged.headers['set-cookie']?.[0] ?? '').split(';', 1)[0] as string;
    const call = async (method: string, input: unknown) =>
      JSON.parse(
        (
          await httpRequest(host.port, {
            method: 'POST',
            path: '/api',
            headers: { 'Content-Type': 'application/json', Cookie: cookie },
            body: JSON.stringify({ method, input }),
          })
        ).body,
      ) as { ok: boolean; value?: unknown; error?: { code: string } };

    expect(await call('vault.status', {})).toMatchObject({ ok: true, value: { initialized: false } });
    expect(await call('incidents.list', {})).toMatchObject({ ok: false });

    const events: Topics['timeline.appended'][] = [];
    const stream = request({ host: '127.0.0.1', port: host.port, path: '/events', headers: { Host: `127.0.0.1:${host.port}`, Cookie: cookie } });
    const connected = new Promise<void>((resolve, reject) => {
      stream.on('response', (res) => {
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          if (buffer.startsWith('retry:')) resolve();
          const blocks = buffer.split('\n\n');
          buffer = blocks.pop() ?? '';
          for (const block of blocks) {
            const match = /^event: timeline\.appended\ndata: (.*)$/m.exec(block);
            if (match) events.push(JSON.parse(match[1] as string) as Topics['timeline.appended']);
          }
        });
      });
      stream.on('error', reject);
    });
    stream.end();
    await connected;

    const created = await call('vault.create', { admin: 'alice', passphrase: 'Correct-Horse-42-battery' });
    expect(created).toMatchObject({ ok: true });
    const incident = await call('incidents.create', { title: 'Phished mailbox', severity: 'SEV2', category: 'phishing' });
    expect(incident).toMatchObject({ ok: true, value: { title: 'Phished mailbox' } });

    await expect.poll(() => events.some((e) => e.type === 'incident.created')).toBe(true);
    stream.destroy();
  });
});
