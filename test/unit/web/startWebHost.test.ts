import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../contract/csp';
import { MAX_API_BODY_BYTES, startWebHost, type WebHost } from '../../../main/web';
import { fakeBackend, type FakeBackend } from './fakeBackend';
import { httpRequest } from './httpRequest';

let dir: string;
let backend: FakeBackend;
let host: WebHost;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fb-web-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Firebreak</title>');
  backend = fakeBackend();
  host = await startWebHost({ backend, port: 0, rendererDir: dir });
});

afterEach(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

const tokenOf = (url: string): string => new URL(url).hash.replace(/^#token=/, '');

function exchange(token: string, headers: Record<string, string> = {}) {
  return httpRequest(host.port, {
    method: 'POST',
    path: '/session/exchange',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ token }),
  });
}

async function signIn(): Promise<string> {
  const res = await exchange(tokenOf(host.url));
  expect(res.status).toBe(200);
  const setCookie = res.headers['set-cookie']?.[0] ?? '';
  return setCookie.split(';', 1)[0] as string;
}

function api(cookie: string | null, body: unknown, headers: Record<string, string> = {}) {
  return httpRequest(host.port, {
    method: 'POST',
    path: '/api',
    headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}), ...headers },
    body: JSON.stringify(body),
  });
}

describe('startWebHost', () => {
  it('prints a loopback URL with a 32-byte base64url token in the fragment', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/#token=[A-Za-z0-9_-]{43}$`));
  });

  it('refuses to listen on anything but loopback', async () => {
    for (const bad of ['0.0.0.0', '::', '192.168.1.10', 'example.com']) {
      await expect(startWebHost({ backend, port: 0, host: bad, rendererDir: dir })).rejects.toThrow(/only listens on the loopback/);
    }
  });

  it('exchanges the token for an HttpOnly SameSite=Strict cookie exactly once', async () => {
    const token = tokenOf(host.url);
    const first = await exchange(token);
    expect(first.status).toBe(200);
    expect(first.headers['set-cookie']?.[0]).toMatch(new RegExp(`^fb_session_${host.port}=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=/$`));
    expect(first.headers['cache-control']).toBe('no-store');

    const second = await exchange(token);
    expect(second.status).toBe(401);
    expect(second.headers['set-cookie']).toBeUndefined();
    expect(JSON.parse(second.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses a wrong token and keeps the right one usable', async () => {
    const wrong = await exchange('A'.repeat(43));
    expect(wrong.status).toBe(401);
    expect((await exchange(tokenOf(host.url))).status).toBe(200);
  });

  it('maps the cookie to one http connection and forwards {method, input} to backend.handle', async () => {
    const cookie = await signIn();
    const res = await api(cookie, { method: 'incidents.list', input: { limit: 5 } });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: { method: 'incidents.list', input: { limit: 5 }, transport: 'http' } });
    await api(cookie, { method: 'vault.status', input: {} });
    expect(new Set(backend.calls.map((c) => c.connId)).size).toBe(1);
  });

  it('names the cookie after the port, so another serve on this machine cannot use or overwrite it', async () => {
    const cookie = await signIn();
    expect(cookie.startsWith(`fb_session_${host.port}=`)).toBe(true);
    const value = cookie.slice(cookie.indexOf('=') + 1);
    expect((await api(`fb_session_${host.port + 1}=${value}`, { method: 'vault.status', input: {} })).status).toBe(401);
    expect((await api(cookie, { method: 'vault.status', input: {} })).status).toBe(200);
  });

  it('answers 401 without a valid cookie, on /api and /events', async () => {
    for (const cookie of [null, `fb_session_${host.port}=forged`, 'fb_session_1=forged']) {
      const res = await api(cookie, { method: 'vault.status', input: {} });
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
    expect((await httpRequest(host.port, { path: '/events' })).status).toBe(401);
    expect(backend.calls).toHaveLength(0);
  });

  it('rejects a wrong Host header (DNS rebinding)', async () => {
    const cookie = await signIn();
    for (const hostHeader of [`evil.example:${host.port}`, '127.0.0.1', `127.0.0.1:${host.port + 1}`, `[::1]:${host.port}`]) {
      const res = await api(cookie, { method: 'vault.status', input: {} }, { Host: hostHeader });
      expect(res.status).toBe(421);
      expect((await httpRequest(host.port, { path: '/', headers: { Host: hostHeader } })).status).toBe(421);
    }
    const viaLocalhost = await api(cookie, { method: 'vault.status', input: {} }, { Host: `localhost:${host.port}` });
    expect(viaLocalhost.status).toBe(200);
    expect(backend.calls).toHaveLength(1);
  });

  it('rejects a foreign Origin, including other local ports', async () => {
    const cookie = await signIn();
    for (const origin of ['http://evil.example', `http://127.0.0.1:${host.port + 1}`, 'null', `https://127.0.0.1:${host.port}`]) {
      const res = await api(cookie, { method: 'vault.status', input: {} }, { Origin: origin });
      expect(res.status).toBe(403);
    }
    const foreignExchange = await httpRequest(host.port, {
      method: 'POST',
      path: '/session/exchange',
      headers: { 'Content-Type': 'application/json', Origin: 'http://evil.example' },
      body: JSON.stringify({ token: 'x' }),
    });
    expect(foreignExchange.status).toBe(403);
    expect(backend.calls).toHaveLength(0);
    const own = await api(cookie, { method: 'vault.status', input: {} }, { Origin: `http://127.0.0.1:${host.port}` });
    expect(own.status).toBe(200);
  });

  it('passes background: true on to the backend, so a page\'s refetch does not keep its session alive (issue 13 §7)', async () => {
    const cookie = await signIn();
    await api(cookie, { method: 'incidents.list', input: {}, background: true });
    await api(cookie, { method: 'incidents.list', input: {} });
    // Only the literal true counts: anything else is an ordinary call.
    await api(cookie, { method: 'incidents.list', input: {}, background: 'yes' });
    expect(backend.calls.map((c) => c.background ?? false)).toEqual([true, false, false]);
  });

  it('accepts only application/json on POST routes', async () => {
    const cookie = await signIn();
    const res = await httpRequest(host.port, {
      method: 'POST',
      path: '/api',
      headers: { 'Content-Type': 'text/plain', Cookie: cookie },
      body: JSON.stringify({ method: 'vault.status', input: {} }),
    });
    expect(res.status).toBe(415);
  });

  it('answers 400 with a Result for a malformed body', async () => {
    const cookie = await signIn();
    const res = await httpRequest(host.port, {
      method: 'POST',
      path: '/api',
      headers: { 'Content-Type': 'application/json', Cookie: cookie },
      body: '{not json',
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('sets the CSP and hardening headers on every response', async () => {
    const cookie = await signIn();
    const responses = [
      await httpRequest(host.port, { path: '/' }),
      await httpRequest(host.port, { path: '/missing.js' }),
      await api(cookie, { method: 'vault.status', input: {} }),
      await api(null, { method: 'vault.status', input: {} }),
      await httpRequest(host.port, { path: '/', headers: { Host: 'evil.example' } }),
    ];
    for (const res of responses) {
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('answers 413 with a Result for a body over the limit', async () => {
    const cookie = await signIn();
    const big = Buffer.alloc(MAX_API_BODY_BYTES + 1024, 0x61);
    const res = await httpRequest(host.port, {
      method: 'POST',
      path: '/api',
      headers: { 'Content-Type': 'application/json', Cookie: cookie },
      body: big,
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(backend.calls).toHaveLength(0);
    // Without a declared length the host counts while reading and stops at the limit.
    const chunked = await httpRequest(host.port, {
      method: 'POST',
      path: '/api',
      headers: { 'Content-Type': 'application/json', Cookie: cookie, 'Transfer-Encoding': 'chunked' },
      body: big,
    });
    expect(chunked.status).toBe(413);
    expect(backend.calls).toHaveLength(0);
    // The host still serves afterwards.
    expect((await api(cookie, { method: 'vault.status', input: {} })).status).toBe(200);
  });

  it('streams subscribed topics as server-sent events and unsubscribes on close', async () => {
    const cookie = await signIn();
    const received = await new Promise<{ contentType: string | undefined; text: string }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: '/events', headers: { Host: `127.0.0.1:${host.port}`, Cookie: cookie } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
            if (text.includes('retry:') && !text.includes('event:')) {
              backend.emit('timeline.appended', { seq: 7, type: 'incident.note', incidentRef: 'IR-2026-0001' });
            }
            if (text.includes('\n\nevent: timeline.appended')) {
              if (!text.endsWith('\n\n')) return;
              req.destroy();
              resolve({ contentType: res.headers['content-type'], text });
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(received.contentType).toMatch(/^text\/event-stream/);
    expect(received.text).toContain(
      'event: timeline.appended\ndata: {"seq":7,"type":"incident.note","incidentRef":"IR-2026-0001"}\n\n',
    );
    await expect.poll(() => backend.listenerCount()).toBe(0);
  });

  it('closes its connections on close()', async () => {
    await signIn();
    await host.close();
    expect(backend.closed).toEqual(['conn-1']);
  });
});
