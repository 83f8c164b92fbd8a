import { expect, type Locator, type Page } from '@playwright/test';

/** First run: create the vault, then the one-time recovery key screen. */
export class SetupPage {
  readonly heading: Locator;
  readonly adminName: Locator;
  readonly passphrase: Locator;
  readonly confirm: Locator;
  readonly create: Locator;
  readonly recoveryKey: Locator;
  readonly storedCheckbox: Locator;
  readonly continueButton: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Create the vault' });
    this.adminName = page.getByLabel('Administrator user name');
    this.passphrase = page.getByLabel('Passphrase', { exact: true });
    this.confirm = page.getByLabel('Confirm passphrase');
    this.create = page.getByRole('button', { name: 'Create vault' });
    this.recoveryKey = page.getByTestId('recovery-key');
    this.storedCheckbox = page.getByRole('checkbox', { name: /I have stored the recovery key/ });
    this.continueButton = page.getByRole('button', { name: 'Continue to Firebreak' });
  }

  async fill(admin: string, passphrase: string, confirm = passphrase): Promise<void> {
    await expect(this.heading).toBeVisible();
    await this.adminName.fill(admin);
    await this.passphrase.fill(passphrase);
    await this.confirm.fill(confirm);
  }

  /** Creates the vault and returns the recovery key it showed. */
  async createVault(admin: string, passphrase: string): Promise<string> {
    await this.fill(admin, passphrase);
    await this.create.click();
    await expect(this.page.getByRole('heading', { name: 'Store your recovery key' })).toBeVisible({ timeout: 30_000 });
    const key = (await this.recoveryKey.textContent()) ?? '';
    return key.trim();
  }

  async acknowledgeRecoveryKey(): Promise<void> {
    await expect(this.continueButton).toBeDisabled();
    await this.storedCheckbox.check();
    await this.continueButton.click();
  }
}
