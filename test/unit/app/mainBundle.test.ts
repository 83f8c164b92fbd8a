import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runInThisContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../contract/csp';
import { buildBundles, REPO } from './buildBundles';
import { createFakeElectron } from './fakeElectron';

/**
 * Runs the real bundled main process under Node with a stand-in `electron` module and the real
 * backend on a temp data directory: the wiring between window, protocol, IPC and backend.
 */
describe('the bundled main process (dist/app/main.cjs)', () => {
  const appPath = mkdtempSync(join(tmpdir(), 'firebreak-app-'));
  const appData = mkdtempSync(join(tmpdir(), 'firebreak-appdata-'));
  const fake = createFakeElectron({ appPath, appData });
  let bundleDir: string | null = null;

  const window = () => {
    const w = fake.windows[0];
    if (!w) throw new Error('no window was created');
    return w;
  };
  const invoke = (event: unknown, message: unknown) => {
    const handler = fake.handlers.get('api');
    if (!handler) throw new Error("no 'api' handler");
    return handler(event, message) as Promise<unknown>;
  };
  const fromPage = () => ({
    sender: window().webContents,
    senderFrame: { url: 'app://firebreak/index.html', parent: null },
  });

  beforeAll(async () => {
    mkdirSync(join(appPath, 'dist', 'renderer'), { recursive: true });
    writeFileSync(join(appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Firebreak</title>');

    const bundles = buildBundles();
    bundleDir = bundles.dir;
    const mainFile = bundles.main;
    const realRequire = createRequire(join(REPO, 'package.json'));
    const moduleFn = runInThisContext(wrap(readFileSync(mainFile, 'utf8')), { filename: mainFile }) as (
      ...args: unknown[]
    ) => void;
    const module = { exports: {} };
    const requireShim = (id: string): unknown => (id === 'electron' ? fake.electron : realRequire(id));
    moduleFn(module.exports, requireShim, module, mainFile, dirname(mainFile));

    fake.markReady();
    const deadline = Date.now() + 20_000;
    while (fake.windows.length === 0 && fake.errors.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(fake.errors).toEqual([]);
  });

  afterAll(() => {
    fake.app.emit('will-quit');
    for (const dir of [appPath, appData, bundleDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('registers the app scheme as privileged and enables the sandbox before ready', () => {
    expect(fake.schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(fake.app.sandboxEnabled).toBe(true);
  });

  it('keeps its data in <appData>/Firebreak', () => {
    expect(fake.paths.get('userData')).toBe(join(appData, 'Firebreak'));
    expect(fake.paths.get('sessionData')).toBe(join(appData, 'Firebreak', 'chromium'));
  });

  it('opens one sandboxed window on the app origin with the bundled preload', () => {
    expect(fake.windows).toHaveLength(1);
    const prefs = window().options.webPreferences ?? {};
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(prefs.preload).toBe(join(appPath, 'dist', 'preload', 'preload.cjs'));
    expect(window().loadedUrl).toBe('app://firebreak/index.html');
  });

  it("hardens the window's webContents", () => {
    expect(window().webContents.windowOpenHandler?.()).toEqual({ action: 'deny' });
    let prevented = false;
    window().webContents.emit('will-navigate', { url: 'https://evil.example/', preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });

  it('denies permissions and cancels requests that leave the app', () => {
    expect(fake.defaultSession.permissionCheck?.(null, 'media', 'app://firebreak')).toBe(false);
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      fake.defaultSession.beforeRequest?.({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(decide('https://example.com/')).toBe(true);
    expect(decide('app://firebreak/index.html')).toBe(false);
  });

  it('serves the renderer over app:// with the CSP', async () => {
    const handler = fake.protocolHandlers.get('app');
    const response = await handler?.(new Request('app://firebreak/index.html'));
    expect(response?.status).toBe(200);
    expect(response?.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response?.text()).toContain('<title>Firebreak</title>');
  });

  it('answers a trusted call from the real backend', async () => {
    const result = await invoke(fromPage(), { method: 'vault.status', input: {} });
    expect(result).toMatchObject({ ok: true, value: { initialized: false, unlocked: false, dataDir: join(appData, 'Firebreak') } });
  });

  it('refuses calls from a subframe, a foreign page or another webContents', async () => {
    const page = fromPage();
    for (const event of [
      { ...page, senderFrame: { url: 'app://firebreak/index.html', parent: page.senderFrame } },
      { ...page, senderFrame: { url: 'https://evil.example/', parent: null } },
      { ...page, sender: { id: 9_999 } },
      { ...page, senderFrame: null },
    ]) {
      expect(await invoke(event, { method: 'vault.status', input: {} })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('lets the backend judge unknown methods and bad input', async () => {
    expect(await invoke(fromPage(), { method: 'no.such', input: {} })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await invoke(fromPage(), { method: 'vault.status', input: { extra: 1 } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it('stops answering a window once its webContents is destroyed', async () => {
    const page = fromPage();
    window().webContents.destroy();
    expect(await invoke(page, { method: 'vault.status', input: {} })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
