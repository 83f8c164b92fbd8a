import { ADMIN, expect, test } from './fixtures';

// Ten seconds idle instead of serve's least, a minute: the tests' CLI entry takes the timeout from
// FIREBREAK_TEST_IDLE_MS (test/helpers/cli/testCli.ts), and the backend sweeps every 2.5 s at this
// setting. How --idle-minutes becomes the backend's timeout: test/unit/cli/serveIdleMinutes.test.ts.
// Long enough that the setup and the checks after the new sign-in, which call the API all along,
// never leave the session idle that long even on a loaded machine.
const IDLE_MS = 10_000;
test.use({ serveEnv: { FIREBREAK_TEST_IDLE_MS: String(IDLE_MS) } });

test('an idle session ends, the vault locks, and the log records why', async ({ page, openApp, setup, shell, signIn, audit }) => {
  // 10 s idle + up to 2.5 s until the sweep + sign-in and audit checks.
  test.setTimeout(90_000);
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  // Every later API call happens after this instant, so the session cannot expire before IDLE_MS from it.
  const idleFrom = Date.now();
  await setup.acknowledgeRecoveryKey();
  await shell.expectSignedIn(ADMIN.name, 'Admin');
  await expect(page.getByRole('heading', { name: 'No incidents yet' })).toBeVisible();

  // Nothing touches the page now: the backend's sweep ends the session and pushes session.ended.
  await expect(signIn.heading).toBeVisible({ timeout: IDLE_MS + 45_000 });
  expect(Date.now() - idleFrom).toBeGreaterThanOrEqual(IDLE_MS);
  await expect(page.getByText('You were signed out after a period of inactivity and the vault was locked.')).toBeVisible();
  await expect(shell.user).toHaveCount(0);
  await expect(signIn.user).toHaveValue(ADMIN.name);

  await signIn.signIn(ADMIN.name, ADMIN.passphrase);
  await shell.expectSignedIn(ADMIN.name, 'Admin');

  await shell.goTo('Audit log');
  await audit.filter({ type: 'auth.session_expired' });
  await expect(audit.column('type')).toHaveText(['auth.session_expired']);
  await expect(audit.column('actor')).toHaveText([ADMIN.name]);
  await expect(audit.column('summary')).toHaveText([`Auth session expired — user: ${ADMIN.name}`]);

  await audit.filter({ type: 'vault.locked' });
  await expect(audit.column('type')).toHaveText(['vault.locked']);
  await expect(audit.column('actor')).toHaveText(['system']);
  await expect(audit.column('summary')).toHaveText(['Vault locked — reason: idle']);

  // In the log the expiry comes first, then the lock, then the next unlock and sign-in.
  await audit.clearFilters();
  await expect(audit.column('type')).toHaveText(['auth.login', 'vault.unlocked', 'vault.locked', 'auth.session_expired', 'auth.login', 'vault.created', 'vault.unlocked']);
});

// Issue 13 §7: a page that refetches after push events (the Backups page on a schedule, the
// incident list while others write) made each refetch count as activity, so the idle lock never
// fired. Here a colleague's writes arrive every 2 s, the list refetches after each one, and the
// session still ends IDLE_MS after the last thing the user did.
test('refetches after push events do not keep an unattended session alive', async ({ page, server, openApp, setup, shell, signIn }) => {
  test.setTimeout(90_000);
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  await shell.expectSignedIn(ADMIN.name, 'Admin');
  await expect(page.getByRole('heading', { name: 'No incidents yet' })).toBeVisible();
  const idleFrom = Date.now();

  // The page's own calls from now on: past the few seconds after the last click (renderer/lib/userActivity.ts), each goes out marked as background.
  const pageCalls: { method: string; background: boolean; at: number }[] = [];
  page.on('request', (req) => {
    if (!req.url().endsWith('/api')) return;
    const body = req.postDataJSON() as { method: string; background?: boolean };
    pageCalls.push({ method: body.method, background: body.background === true, at: Date.now() });
  });

  // Writes that are not this user's doing (a background call does not keep the session alive
  // either, so these stand in for a colleague's window on the same server).
  let written = 0;
  const colleague = setInterval(() => {
    void page.request
      .post(`${server.origin}api`, { data: { method: 'incidents.create', input: { title: `Colleague's incident ${++written}`, severity: 'SEV3', category: 'other' }, background: true } })
      .catch(() => undefined);
  }, 2_000);
  try {
    await expect(signIn.heading).toBeVisible({ timeout: IDLE_MS + 45_000 });
  } finally {
    clearInterval(colleague);
  }
  expect(Date.now() - idleFrom).toBeGreaterThanOrEqual(IDLE_MS);
  await expect(page.getByText('You were signed out after a period of inactivity and the vault was locked.')).toBeVisible();
  // The list did refetch while it waited, as background calls once the user's last click was 5 s past.
  const later = pageCalls.filter((c) => c.at > idleFrom + 6_000);
  expect(later.filter((c) => c.method === 'incidents.list').length).toBeGreaterThanOrEqual(2);
  expect(later.filter((c) => !c.background)).toEqual([]);
});
