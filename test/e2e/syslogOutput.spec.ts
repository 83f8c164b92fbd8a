import { parseSyslog } from '../helpers/parseSyslog';
import { TcpListener } from '../helpers/syslogListeners';
import { ADMIN, expect, test } from './fixtures';

const listener = new TcpListener();

test.beforeEach(async ({ openApp, setup }) => {
  await listener.start();
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
});
test.afterEach(() => listener.stop());

test('the administrator points security events at a syslog server; a failed sign-in at the locked vault arrives there at once', async ({ page, shell, signIn }) => {
  await shell.goTo('Settings');
  const section = page.locator('section', { has: page.getByRole('heading', { name: 'Syslog output (SIEM)' }) });
  await expect(section.getByText('Not sending: syslog output is off.')).toBeVisible();

  await section.getByLabel('Send security events to syslog').check();
  await section.getByLabel('Server', { exact: true }).fill('siem example.org');
  await section.getByRole('button', { name: 'Save syslog output' }).click();
  await expect(section.getByText(/host: a host name/)).toBeVisible();

  await section.getByLabel('Server', { exact: true }).fill('127.0.0.1');
  await section.getByLabel('Port', { exact: true }).fill(String(listener.port));
  await section.getByLabel('Transport').selectOption('tcp');
  await section.getByLabel('Facility').selectOption('local5');
  await section.getByRole('button', { name: 'Save syslog output' }).click();
  await expect(shell.toasts.getByText('Syslog output saved')).toBeVisible();
  // The change itself is a security event: it reaches the server, and the section says so.
  await expect.poll(() => listener.messages.map((m) => parseSyslog(m).msgId)).toContain('settings.changed');
  await section.getByRole('button', { name: 'Refresh' }).click();
  await expect(section.getByText('Sending', { exact: true })).toBeVisible();
  await expect(section.getByText(/1 sent, 0 waiting since this Firebreak process started/)).toBeVisible();
  await section.screenshot({ path: test.info().outputPath('syslog-settings.png') });

  await shell.signOut.click();
  await expect(signIn.submit).toBeEnabled();
  await signIn.signIn(ADMIN.name, 'not the passphrase at all');
  await expect(signIn.alert).toHaveText(/wrong user name or passphrase/);
  await expect.poll(() => listener.messages.map(parseSyslog).filter((m) => m.msgId === 'auth.login_failed').length).toBe(1);
  const failed = listener.messages.map(parseSyslog).find((m) => m.msgId === 'auth.login_failed')!;
  expect(failed.facility).toBe(21);
  expect(failed.severity).toBe(4);
  expect(JSON.parse(failed.msg!)).toMatchObject({ type: 'auth.login_failed', user: ADMIN.name, locked: true, seq: null });
  expect(listener.messages.join('\n')).not.toContain('not the passphrase at all');

  // The server goes away: the section says so in red, and the audit log has it once.
  await signIn.signIn(ADMIN.name, ADMIN.passphrase);
  await shell.expectSignedIn(ADMIN.name, 'Admin');
  await shell.goTo('Settings');
  await listener.stop();
  await expect(async () => {
    await section.getByRole('button', { name: 'Refresh' }).click();
    await expect(section.getByText('Not reaching the server')).toBeVisible({ timeout: 500 });
  }).toPass();
  await expect(section.getByText(/ECONNRESET|ECONNREFUSED/)).toBeVisible();
  await section.screenshot({ path: test.info().outputPath('syslog-failing.png') });
});
