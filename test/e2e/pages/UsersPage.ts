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
}
