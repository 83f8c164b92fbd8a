import { ADMIN, expect, test } from './fixtures';

const MANAGER = { name: 'mona', passphrase: 'manager passphrase 2026' };

test('a manager sees personal data as Restricted and gets no edit controls', async ({ page, openApp, setup, api, shell, signIn, list, detail }) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();

  // The admin adds the manager through the Users page.
  await shell.goTo('Users');
  await page.getByRole('button', { name: 'Add user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add user' });
  await dialog.getByLabel('User name').fill(MANAGER.name);
  await dialog.getByLabel('Role').selectOption('manager');
  await dialog.getByLabel('Initial passphrase', { exact: true }).fill(MANAGER.passphrase);
  await dialog.getByLabel('Confirm initial passphrase').fill(MANAGER.passphrase);
  await dialog.getByRole('button', { name: 'Add user' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row').filter({ hasText: MANAGER.name })).toBeVisible();

  const incident = await api('incidents.create', {
    title: 'Customer data exposed',
    severity: 'SEV2',
    category: 'data-breach',
    reporterName: 'Rita Reporter',
    reporterEmail: 'rita@example.com',
    reporterPhone: '+49 30 1234567',
    affectedPeople: ['Ann Example'],
  });

  await shell.signOut.click();
  await signIn.signIn(MANAGER.name, MANAGER.passphrase);
  // The admin chose that passphrase: the manager replaces it before anything else.
  await signIn.chooseNewPassphrase(MANAGER.passphrase, 'my own manager passphrase 27');
  await shell.expectSignedIn(MANAGER.name, 'Manager');

  await expect(list.rows()).toHaveCount(1);
  await expect(list.newButton).toHaveCount(0);
  await list.rows().first().click();
  await expect(detail.ref).toHaveText(incident.ref);

  await expect(page.getByText('Restricted', { exact: true })).toHaveCount(4);
  await expect(page.getByText('Rita Reporter')).toHaveCount(0);
  await expect(page.getByText('rita@example.com')).toHaveCount(0);
  await expect(detail.editButton).toHaveCount(0);
  await expect(detail.stepper.getByRole('button')).toHaveCount(0);
  await expect(detail.noteBox).toHaveCount(0);
  await expect(detail.evidence).toHaveCount(0);
  await expect(shell.nav.getByRole('link', { name: 'Users' })).toHaveCount(0);
  await expect(shell.nav.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
  // Locking signs everyone out: an administrator's decision (vault:lock); signing out stays.
  await expect(shell.lock).toHaveCount(0);
  await expect(shell.signOut).toBeVisible();

  // `e` (edit) and `n` (new incident) do nothing for this role.
  await page.keyboard.press('e');
  await page.keyboard.press('n');
  await expect(page.getByRole('form', { name: 'Edit details' })).toHaveCount(0);
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
