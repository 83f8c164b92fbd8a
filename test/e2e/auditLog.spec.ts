import { ADMIN, expect, test } from './fixtures';

const BOB = { name: 'bob', passphrase: 'responds to pages 24x7' };

test('the audit log filters by type, actor and text, and verifies the chain it lists', async ({ page, openApp, setup, api, shell, signIn, audit }) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  await api('users.add', { name: BOB.name, role: 'responder', passphrase: BOB.passphrase, mustChangePassphrase: false });
  // The reporter is personal data: shown to the administrator, never searched (docs/security.md).
  const incident = await api('incidents.create', { title: 'Payroll phishing wave', severity: 'SEV2', category: 'phishing', reporterName: 'Zelda Quillfeather' });
  await api('incidents.addNote', { ref: incident.ref, text: 'Blocked the sender domain payroll-update.example' });

  // A failed sign-in by bob while the vault is locked is written at the next unlock.
  await shell.signOut.click();
  await signIn.signIn(BOB.name, 'not the right one at all 1');
  await expect(signIn.alert).toContainText('wrong user name or passphrase');
  await signIn.signIn(ADMIN.name, ADMIN.passphrase);
  await shell.expectSignedIn(ADMIN.name, 'Admin');

  await shell.goTo('Audit log');
  const everything = [
    'auth.login', 'auth.login_failed', 'vault.unlocked', 'vault.locked', 'auth.logout',
    'incident.note', 'incident.created', 'user.added', 'auth.login', 'vault.created', 'vault.unlocked',
  ];
  await expect(audit.column('type')).toHaveText(everything);
  await expect(audit.column('seq')).toHaveText(everything.map((_, i) => String(everything.length - i)));
  await expect(audit.pager).toContainText(`1–${everything.length} of ${everything.length}`);

  // By type (exact): the note, with its incident and text.
  await audit.filter({ type: 'incident.note' });
  await expect(audit.column('type')).toHaveText(['incident.note']);
  await expect(audit.column('incident')).toHaveText([incident.ref]);
  await expect(audit.column('summary')).toHaveText(['Added a note']);
  await expect(audit.pager).toContainText('1–1 of 1');
  await audit.filter({ type: 'incident.nope' });
  await expect(page.getByRole('heading', { name: 'No events match these filters' })).toBeVisible();
  await audit.filter({ type: '' });
  await expect(audit.column('type')).toHaveText(everything);

  // By actor: bob did one thing, failing to sign in, recorded late.
  await audit.filter({ actor: BOB.name });
  await expect(audit.column('type')).toHaveText(['auth.login_failed']);
  await expect(audit.column('actor')).toHaveText([BOB.name]);
  await expect(audit.column('summary')).toHaveText(['Failed sign-in as bob: wrong passphrase, attempt 1 in a row, from browser mode (recorded at the next sign-in)']);
  await audit.filter({ actor: ADMIN.name });
  await expect(audit.column('type')).toHaveText(['auth.login', 'auth.logout', 'incident.note', 'incident.created', 'user.added', 'auth.login', 'vault.created']);
  await expect(audit.actor.locator('option')).toHaveText(['Any actor', ADMIN.name, BOB.name]);

  // By text (full-text over the event data), combined with the actor.
  await audit.filter({ actor: '', text: 'payroll' });
  await expect(audit.column('type')).toHaveText(['incident.note', 'incident.created']);
  await expect(audit.column('summary')).toHaveText(['Added a note', 'Declared incident “Payroll phishing wave” (SEV2, Phishing)']);
  await audit.filter({ text: 'sender domain' });
  await expect(audit.column('type')).toHaveText(['incident.note']);
  await audit.filter({ actor: BOB.name, text: 'payroll' });
  await expect(page.getByRole('heading', { name: 'No events match these filters' })).toBeVisible();
  // A word's start with *: the note's payroll-update and the title's Payroll.
  await audit.filter({ actor: '', text: 'pay*' });
  await expect(audit.column('type')).toHaveText(['incident.note', 'incident.created']);
  // The reporter's name is in incident.created, but personal data is not searched, and the page says so.
  await expect(audit.search).toHaveAccessibleDescription(/Personal data \(reporters, people affected, answers marked personal\) is never searched/);
  await audit.filter({ text: 'Quillfeather' });
  const none = page.getByRole('heading', { name: 'No events match these filters' });
  await expect(none).toBeVisible();
  await expect(none.locator('xpath=..')).toContainText('Personal data is not searched');
  // A lone * is refused with the API's message, not ignored.
  await audit.filter({ text: '*' });
  await expect(page.getByRole('alert')).toContainText('* stands for the rest of a word and needs its start before it: write lapt* to find laptop and laptops');
  await audit.clearFilters();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(audit.column('type')).toHaveText(everything);

  // Verification covers exactly the events listed, up to the newest row's sequence number.
  const result = await audit.verifyChain();
  await expect(result).toContainText(`Chain intact: ${everything.length} events`);
  await expect(result).toContainText(`at #${everything.length}`);
  const head = await result.locator('code').getAttribute('title');
  expect(head).toMatch(/^[0-9a-f]{64}$/);
  await expect(result.locator('code')).toHaveText(`${head?.slice(0, 16)}…`);
});
