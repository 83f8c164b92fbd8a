import { ADMIN, expect, test } from './fixtures';
import { AppShell } from './pages/AppShell';
import { SignInPage } from './pages/SignInPage';
import { startServe } from './startServe';

const MONA = { name: 'mona', given: 'Handed over 7 rivers', own: 'Lanterns 77 are mine' };

test('a user disabled by an administrator is signed out of their other window and cannot sign in again', async ({ browser, page, openApp, setup, shell, users, server, api }) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  await shell.goTo('Users');
  await users.add(MONA.name, 'manager', MONA.given);
  await expect(users.statusOf(MONA.name)).toContainText('Must change passphrase');

  // Mona works in a browser of her own: browser mode serves one session per server, so a second
  // `firebreak serve` on the same data directory, as a colleague's window would be.
  const second = await startServe(server.dataDir);
  const context = await browser.newContext();
  try {
    const monaPage = await context.newPage();
    await monaPage.goto(second.url);
    const monaSignIn = new SignInPage(monaPage);
    const monaShell = new AppShell(monaPage);
    await monaSignIn.signIn(MONA.name, MONA.given);
    // The passphrase the administrator chose must go before anything else.
    await expect(monaSignIn.chooseHeading()).toBeVisible();
    await expect(monaShell.nav).toHaveCount(0);
    await monaSignIn.chooseNewPassphrase(MONA.given, MONA.own);
    await monaShell.expectSignedIn(MONA.name, 'Manager');

    // A new role ends her session: her window says why.
    await page.reload();
    await users.setRole(MONA.name, 'responder');
    await expect(monaSignIn.heading).toBeVisible({ timeout: 10_000 });
    await expect(monaSignIn.notice.filter({ hasText: 'An administrator changed your role' })).toBeVisible();
    await monaSignIn.signIn(MONA.name, MONA.own);
    await monaShell.expectSignedIn(MONA.name, 'Responder');

    await expect(users.statusOf(MONA.name)).toContainText('Active');
    const dialog = await users.confirmDisable(MONA.name, 'left the company');
    await expect(dialog).toBeHidden();
    await expect(users.statusOf(MONA.name)).toContainText('Disabled');
    await expect(users.statusOf(MONA.name)).toContainText(`by ${ADMIN.name}`);
    await expect(page.getByRole('button', { name: `Enable ${MONA.name}` })).toBeVisible();

    // Her window is back at sign-in, told why, without her doing anything.
    await expect(monaSignIn.heading).toBeVisible({ timeout: 10_000 });
    await expect(monaSignIn.notice.filter({ hasText: 'An administrator disabled your account' })).toBeVisible();
    await monaPage.screenshot({ path: test.info().outputPath('disabled-window.png') });
    // And she cannot come back.
    await monaSignIn.signIn(MONA.name, MONA.own);
    await expect(monaSignIn.alert).toContainText(`the account ${MONA.name} is disabled`);
    await expect(monaShell.nav).toHaveCount(0);

    const disabled = await api('audit.list', { type: 'user.disabled' });
    // Disabling a pii:read user also revokes her grant and rotates the personal-data key (docs/security.md).
    expect(disabled.rows.map((e) => [e.actor, e.data])).toEqual([[ADMIN.name, { name: MONA.name, role: 'responder', reason: 'left the company', piiRevoked: true, piiKeyRotated: true }]]);
  } finally {
    await context.close();
    await second.stop();
  }
});

test('after a reset the user must choose a new passphrase at the next sign-in', async ({ page, openApp, setup, shell, users, signIn, api }) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  await api('users.add', { name: MONA.name, role: 'manager', passphrase: MONA.own, mustChangePassphrase: false });
  await shell.goTo('Users');
  await expect(users.statusOf(MONA.name)).toContainText('Active');
  // Your own passphrase is changed under My account, not reset here.
  await expect(page.getByRole('button', { name: `Reset the passphrase of ${ADMIN.name}` })).toHaveCount(0);

  await users.setPassphrase(MONA.name, 'reset', MONA.given);
  await expect(users.statusOf(MONA.name)).toContainText('Must change passphrase');
  await shell.signOut.click();

  await signIn.signIn(MONA.name, MONA.own);
  await expect(signIn.alert).toContainText('wrong user name or passphrase');
  await signIn.signIn(MONA.name, MONA.given);
  await expect(signIn.chooseHeading()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('choose-passphrase.png') });
  // Nothing else is reachable: a reload comes back to the same screen.
  await page.reload();
  await expect(signIn.chooseHeading()).toBeVisible();
  await expect(shell.nav).toHaveCount(0);
  await signIn.chooseNewPassphrase(MONA.given, 'My very own 9 kites');
  await shell.expectSignedIn(MONA.name, 'Manager');
  await shell.signOut.click();
  await signIn.signIn(MONA.name, 'My very own 9 kites');
  await shell.expectSignedIn(MONA.name, 'Manager');
});

test('the last administrator cannot be disabled: the reason is shown next to the button', async ({ page, openApp, setup, shell, users }) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  await shell.goTo('Users');
  const dialog = await users.confirmDisable(ADMIN.name);
  await expect(dialog.getByRole('alert')).toHaveText(`${ADMIN.name} is the last administrator; make another user admin first`);
  await page.screenshot({ path: test.info().outputPath('last-admin.png') });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(users.statusOf(ADMIN.name)).toContainText('Active');
  await shell.expectSignedIn(ADMIN.name, 'Admin');
});
