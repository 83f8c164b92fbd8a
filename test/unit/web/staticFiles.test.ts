import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../../main/web';
import { fakeBackend } from './fakeBackend';
import { httpRequest } from './httpRequest';

const SECRET = 'top-secret-outside-the-bundle';
let root: string;
let host: WebHost;

beforeAll(async () => {
  // root/package.json and root/secret.txt sit next to the served folder root/renderer.
  root = mkdtempSync(join(tmpdir(), 'fb-static-'));
  const rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(root, 'package.json'), SECRET);
  writeFileSync(join(root, 'secret.txt'), SECRET);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Firebreak</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(rendererDir, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(rendererDir, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(join(rendererDir, 'assets', 'blob.xyz'), 'x');
  symlinkSync(join(root, 'secret.txt'), join(rendererDir, 'assets', 'link.txt'));
  host = await startWebHost({ backend: fakeBackend(), port: 0, host: 'localhost', rendererDir });
});

afterAll(async () => {
  await host.close();
  rmSync(root, { recursive: true, force: true });
});

describe('static files', () => {
  it('serves index.html at / with no-store', async () => {
    const res = await httpRequest(host.port, { path: '/' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('<title>Firebreak</title>');
  });

  it.each([
    ['/assets/app.js', 'text/javascript; charset=utf-8'],
    ['/assets/app.css', 'text/css; charset=utf-8'],
    ['/assets/logo.svg', 'image/svg+xml'],
    ['/assets/blob.xyz', 'application/octet-stream'],
  ])('serves %s as %s', async (path, type) => {
    const res = await httpRequest(host.port, { path });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
  });

  it('answers HEAD without a body', async () => {
    const res = await httpRequest(host.port, { method: 'HEAD', path: '/assets/app.js' });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
  });

  it('serves the app for client-side routes, 404 for missing files', async () => {
    expect((await httpRequest(host.port, { path: '/incidents/IR-2026-0001' })).body).toContain('<title>Firebreak</title>');
    expect((await httpRequest(host.port, { path: '/assets/missing.js' })).status).toBe(404);
  });

  it.each([
    '/../package.json',
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/package.json',
    '/%2E%2E/secret.txt',
    '/..%2fpackage.json',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    '/%252e%252e/secret.txt',
    '/assets/link.txt',
    '/%00/secret.txt',
    '/%e0%a4%a',
  ])('refuses %s', async (path) => {
    const res = await httpRequest(host.port, { path });
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toContain(SECRET);
  });

  it('allows only GET and HEAD on static paths', async () => {
    const res = await httpRequest(host.port, { method: 'POST', path: '/', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(405);
  });
});
