import { expect, type Locator, type Page } from '@playwright/test';

export type RoleName = 'admin' | 'responder' | 'backup-operator' | 'legal' | 'manager' | 'auditor';

/** The Users page: the list of key-slot holders, adding users, inline role changes. */
export class UsersPage {
  readonly heading: Locator;
  readonly addButton: Locator;
  readonly table: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Users' });
    this.addButton = page.getByRole('button', { name: 'Add user' });
    this.table = page.getByRole('main').getByRole('table');
  }

  roleOf(name: string): Locator {
    return this.page.getByLabel(`Role of ${name}`, { exact: true });
  }

  async add(name: string, role: RoleName, passphrase: string): Promise<void> {
    await this.addButton.click();
    const dialog = this.page.getByRole('dialog', { name: 'Add user' });
    await dialog.getByLabel('User name').fill(name);
    await dialog.getByLabel('Role').selectOption(role);
    await dialog.getByLabel('Initial passphrase', { exact: true }).fill(passphrase);
    await dialog.getByLabel('Confirm initial passphrase').fill(passphrase);
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await expect(dialog).toBeHidden();
    await expect(this.roleOf(name)).toHaveValue(role);
  }

  /** Picks a role in the user's row; the page calls users.setRole at once. */
  async setRole(name: string, role: RoleName): Promise<void> {
    await this.roleOf(name).selectOption(role);
  }

  /** The Status cell: Active, Disabled (since, by) or Must change passphrase. */
  statusOf(name: string): Locator {
    return this.page.getByTestId(`status-${name}`);
  }

  disableDialog(name: string): Locator {
    return this.page.getByRole('dialog', { name: `Disable ${name}?` });
  }

  /** Opens the confirmation, gives the reason and confirms; the dialog stays open on a refusal. */
  async confirmDisable(name: string, reason = ''): Promise<Locator> {
    await this.page.getByRole('button', { name: `Disable ${name}`, exact: true }).click();
    const dialog = this.disableDialog(name);
    await expect(dialog).toBeVisible();
    if (reason) await dialog.getByLabel(/^Reason/).fill(reason);
    await dialog.getByRole('button', { name: `Disable ${name}`, exact: true }).click();
    return dialog;
  }

  /** Reset (active user) or Enable (disabled user): sets a passphrase the user must change. */
  async setPassphrase(name: string, mode: 'reset' | 'enable', passphrase: string): Promise<void> {
    const opener = mode === 'reset' ? `Reset the passphrase of ${name}` : `Enable ${name}`;
    await this.page.getByRole('button', { name: opener, exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: mode === 'reset' ? `Reset the passphrase of ${name}` : `Enable ${name}` });
    await dialog.getByLabel('New passphrase', { exact: true }).fill(passphrase);
    await dialog.getByLabel('Confirm new passphrase').fill(passphrase);
    await dialog.getByRole('button', { name: mode === 'reset' ? 'Reset passphrase' : `Enable ${name}`, exact: true }).click();
    await expect(dialog).toBeHidden();
  }
}
