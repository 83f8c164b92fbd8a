import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import type { MethodInput, MethodName, MethodOutput, Result } from '../../contract';
import { AppShell } from './pages/AppShell';
import { AuditLogPage } from './pages/AuditLogPage';
import { BackupsPage } from './pages/BackupsPage';
import { IncidentDetailPage } from './pages/IncidentDetailPage';
import { IncidentListPage } from './pages/IncidentListPage';
import { RunbooksPage } from './pages/RunbooksPage';
import { RunPage } from './pages/RunPage';
import { SetupPage } from './pages/SetupPage';
import { SignInPage } from './pages/SignInPage';
import { UsersPage } from './pages/UsersPage';
import { startServe } from './startServe';

export const ADMIN = { name: 'admin', passphrase: 'correct horse battery 42' };

export interface Server {
  /** The printed URL, one-time token included. */
  url: string;
  /** http://127.0.0.1:PORT/ */
  origin: string;
  dataDir: string;
}

interface Options {
  /** Extra `firebreak serve` options for the tests of a file: `test.use({ serveArgs: ['--idle-minutes', '1'] })`. */
  serveArgs: string[];
  /**
   * Extra environment of the tests' `firebreak serve`: `test.use({ serveEnv: { FIREBREAK_TEST_IDLE_MS: '10000' } })`
   * (test/helpers/cli/testCli.ts).
   */
  serveEnv: Record<string, string>;
}

interface Fixtures {
  dataDir: string;
  server: Server;
  /** Opens the app through the token URL (the token is single-use, so once per test). */
  openApp: () => Promise<void>;
  /** Calls the API as the browser's signed-in session (same cookie), for seeding data. */
  api: <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;
  setup: SetupPage;
  signIn: SignInPage;
  shell: AppShell;
  list: IncidentListPage;
  detail: IncidentDetailPage;
  audit: AuditLogPage;
  users: UsersPage;
  runbooks: RunbooksPage;
  run: RunPage;
  backups: BackupsPage;
  cspViolations: string[];
}

async function callApi<M extends MethodName>(request: APIRequestContext, origin: string, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const response = await request.post(`${origin}api`, { data: { method, input } });
  const result = (await response.json()) as Result<MethodOutput<M>>;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message} ${(result.error.issues ?? []).join('; ')}`);
  return result.value;
}

export const test = base.extend<Fixtures & Options>({
  serveArgs: [[], { option: true }],
  serveEnv: [{}, { option: true }],

  // Playwright needs a destructuring pattern here and lint forbids an empty one; browserName is free.
  dataDir: async ({ browserName: _browserName }, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'firebreak-e2e-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },

  server: async ({ dataDir, serveArgs, serveEnv }, use, testInfo) => {
    const serve = await startServe(dataDir, serveArgs, serveEnv);
    await use({ url: serve.url, origin: serve.origin, dataDir });
    await serve.stop();
    if (serve.stderr().trim()) await testInfo.attach('serve-stderr', { body: serve.stderr(), contentType: 'text/plain' });
  },

  openApp: async ({ page, server }, use) => {
    await use(async () => {
      await page.goto(server.url);
    });
  },

  api: async ({ page, server }, use) => {
    await use((method, input) => callApi(page.request, server.origin, method, input));
  },

  // Every test fails on any Content-Security-Policy violation, whatever it was testing.
  cspViolations: [
    async ({ page }, use) => {
      const violations: string[] = [];
      page.on('console', (msg) => {
        const text = msg.text();
        if (/Content Security Policy|CSP violation/i.test(text)) violations.push(text);
      });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
        });
      });
      await use(violations);
      expect(violations, 'Content-Security-Policy violations in the console').toEqual([]);
    },
    { auto: true },
  ],

  setup: async ({ page }, use) => use(new SetupPage(page)),
  signIn: async ({ page }, use) => use(new SignInPage(page)),
  shell: async ({ page }, use) => use(new AppShell(page)),
  list: async ({ page }, use) => use(new IncidentListPage(page)),
  detail: async ({ page }, use) => use(new IncidentDetailPage(page)),
  audit: async ({ page }, use) => use(new AuditLogPage(page)),
  users: async ({ page }, use) => use(new UsersPage(page)),
  runbooks: async ({ page }, use) => use(new RunbooksPage(page)),
  run: async ({ page }, use) => use(new RunPage(page)),
  backups: async ({ page }, use) => use(new BackupsPage(page)),
});

export { expect };
export type { Page };
