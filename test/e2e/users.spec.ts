import { ADMIN, expect, test } from './fixtures';

const MONA = { name: 'mona', passphrase: 'manager of the vpn 2026' };

test('promoting a manager to responder lets them edit incidents once they sign in', async ({ page, openApp, setup, api, shell, signIn, list, detail, users }) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  await api('users.add', { name: MONA.name, role: 'manager', passphrase: MONA.passphrase, mustChangePassphrase: false });
  const incident = await api('incidents.create', { title: 'VPN concentrator down', severity: 'SEV3', category: 'outage' });

  // As a manager, mona can read the incident but not change it.
  await shell.signOut.click();
  await signIn.signIn(MONA.name, MONA.passphrase);
  await shell.expectSignedIn(MONA.name, 'Manager');
  await list.rows().first().click();
  await expect(detail.ref).toHaveText(incident.ref);
  await expect(detail.editButton).toHaveCount(0);
  await shell.signOut.click();

  await signIn.signIn(ADMIN.name, ADMIN.passphrase);
  await shell.expectSignedIn(ADMIN.name, 'Admin');
  await shell.goTo('Users');
  await expect(users.roleOf(MONA.name)).toHaveValue('manager');
  await users.setRole(MONA.name, 'responder');
  await expect(shell.toasts.getByRole('status').filter({ hasText: `${MONA.name} is now responder` })).toBeVisible();
  await expect(users.roleOf(MONA.name)).toHaveValue('responder');
  // The change is stored, not just shown: a reload reads it back from the backend.
  await page.reload();
  await expect(users.heading).toBeVisible();
  await expect(users.roleOf(MONA.name)).toHaveValue('responder');
  await shell.signOut.click();

  await signIn.signIn(MONA.name, MONA.passphrase);
  await shell.expectSignedIn(MONA.name, 'Responder');
  await list.rows().first().click();
  await expect(detail.ref).toHaveText(incident.ref);
  await detail.edit({ Title: 'VPN concentrator down in Frankfurt' });
  await expect(detail.title).toHaveText('VPN concentrator down in Frankfurt');
  const change = await detail.timelineEntry(/Updated title/);
  await expect(change).toContainText(MONA.name);
});

test('demoting the last administrator is refused with the reason', async ({ openApp, list, setup, api, shell, users }) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  await api('users.add', { name: MONA.name, role: 'manager', passphrase: MONA.passphrase, mustChangePassphrase: false });

  await shell.goTo('Users');
  await users.setRole(ADMIN.name, 'responder');
  const refusal = shell.toasts.getByRole('alert').filter({ hasText: `Role of ${ADMIN.name} not changed` });
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText(`${ADMIN.name} is the last administrator; make another user admin first`);
  await expect(users.roleOf(ADMIN.name)).toHaveValue('admin');
  await shell.expectSignedIn(ADMIN.name, 'Admin');

  // With a second administrator the first may step down.
  await users.setRole(MONA.name, 'admin');
  await expect(users.roleOf(MONA.name)).toHaveValue('admin');
  await users.setRole(ADMIN.name, 'responder');
  await expect(shell.toasts.getByRole('status').filter({ hasText: `${ADMIN.name} is now responder` })).toBeVisible();
  // Your own session follows the change at once: the role badge, the menu, and this page, which
  // a responder may not see.
  await shell.expectSignedIn(ADMIN.name, 'Responder');
  await expect(list.heading).toBeVisible();
  await expect(users.heading).toHaveCount(0);
  await expect(shell.nav.getByRole('link', { name: 'Users' })).toHaveCount(0);
});
