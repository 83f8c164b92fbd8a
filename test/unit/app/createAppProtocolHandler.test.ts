import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../contract/csp';
import { createAppProtocolHandler } from '../../../main/app/createAppProtocolHandler';
import { resolveAppFile } from '../../../main/app/resolveAppFile';
import { contentTypeFor } from '../../../contract/contentTypeFor';

const ROOT = join('/srv', 'renderer');

describe('resolveAppFile', () => {
  it('maps our URLs to files under the root', () => {
    expect(resolveAppFile(ROOT, 'app://firebreak/')).toBe(join(ROOT, 'index.html'));
    expect(resolveAppFile(ROOT, 'app://firebreak/index.html')).toBe(join(ROOT, 'index.html'));
    expect(resolveAppFile(ROOT, 'app://firebreak/assets/index-abc.js?v=1#x')).toBe(join(ROOT, 'assets', 'index-abc.js'));
    expect(resolveAppFile(ROOT, 'app://firebreak/a%20b.css')).toBe(join(ROOT, 'a b.css'));
  });

  it('keeps dot segments the URL parser resolves inside the root', () => {
    expect(resolveAppFile(ROOT, 'app://firebreak/%2e%2e/secret')).toBe(join(ROOT, 'secret'));
    expect(resolveAppFile(ROOT, 'app://firebreak/assets/%2E%2E/%2E%2E/etc/passwd')).toBe(join(ROOT, 'etc', 'passwd'));
  });

  it('refuses encoded traversal and foreign URLs instead of clamping them', () => {
    for (const url of [
      'app://firebreak/..%2f..%2fetc/passwd',
      'app://firebreak/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://firebreak/..%5c..%5cwindows',
      'app://firebreak/a%00.js',
      'app://firebreak/%E0%A4%A',
      'app://other/index.html',
      'https://firebreak/index.html',
      'file:///srv/renderer/index.html',
    ]) {
      expect(resolveAppFile(ROOT, url), url).toBeNull();
    }
  });

  it('names content types for what Vite emits', () => {
    expect(contentTypeFor('x/index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('x/a.js')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('x/a.css')).toMatch(/^text\/css/);
    expect(contentTypeFor('x/a.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('x/a.bin')).toBe('application/octet-stream');
    expect(contentTypeFor('C:\\app\\INDEX.HTML')).toMatch(/^text\/html/);
    expect(contentTypeFor('x.d/.hidden')).toBe('application/octet-stream');
    expect(contentTypeFor('x/noext')).toBe('application/octet-stream');
  });
});

describe('createAppProtocolHandler', () => {
  const files = new Map<string, string>([
    [join(ROOT, 'index.html'), '<!doctype html><title>Firebreak</title>'],
    [join(ROOT, 'assets', 'app.js'), 'console.log(1)'],
  ]);
  const requested: string[] = [];
  const handler = createAppProtocolHandler(ROOT, (file) => {
    requested.push(file);
    return Promise.resolve(files.has(file) ? new TextEncoder().encode(files.get(file)) : null);
  });

  it('serves a file with the shared CSP and a content type', async () => {
    const response = await handler(new Request('app://firebreak/assets/app.js'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log(1)');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves the page for client-side routes but 404s a missing asset', async () => {
    const route = await handler(new Request('app://firebreak/incidents/IR-2026-0001'));
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>Firebreak</title>');
    expect(route.headers.get('content-type')).toMatch(/^text\/html/);

    const missing = await handler(new Request('app://firebreak/assets/missing.js'));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('never reads outside the root, and refuses writes', async () => {
    requested.length = 0;
    expect((await handler(new Request('app://firebreak/..%2f..%2fetc/passwd'))).status).toBe(404);
    await handler(new Request('app://firebreak/%2e%2e/%2e%2e/etc/passwd'));
    expect(requested.length).toBeGreaterThan(0);
    for (const file of requested) expect(file.startsWith(ROOT + '/') || file.startsWith(ROOT + '\\')).toBe(true);
    expect((await handler(new Request('app://firebreak/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows our own origin only, and data: for images only', () => {
    const directives: Record<string, string> = {};
    for (const directive of CONTENT_SECURITY_POLICY.split(';')) {
      const [name = '', ...values] = directive.trim().split(/\s+/);
      directives[name] = values.join(' ');
    }
    expect(directives).toEqual({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self' data:",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
      'form-action': "'none'",
    });
  });
});
