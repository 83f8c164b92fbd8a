import { expect, type Locator, type Page } from '@playwright/test';

export class SignInPage {
  readonly heading: Locator;
  readonly user: Locator;
  readonly passphrase: Locator;
  readonly submit: Locator;
  readonly alert: Locator;
  readonly notice: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Sign in' });
    this.user = page.getByLabel('User name');
    this.passphrase = page.getByLabel('Passphrase', { exact: true });
    this.submit = page.getByRole('button', { name: 'Sign in', exact: true });
    this.alert = page.getByRole('alert');
    this.notice = page.getByRole('status');
  }

  async signIn(user: string, passphrase: string): Promise<void> {
    await expect(this.heading).toBeVisible();
    await this.user.fill(user);
    await this.passphrase.fill(passphrase);
    await this.submit.click();
  }

  /** The screen right after signing in with a passphrase an administrator set. */
  chooseHeading(): Locator {
    return this.page.getByRole('heading', { name: 'Choose a new passphrase' });
  }

  /** Replaces the passphrase an administrator gave with the user's own. */
  async chooseNewPassphrase(given: string, next: string): Promise<void> {
    await expect(this.chooseHeading()).toBeVisible();
    await this.page.getByLabel('Passphrase you were given').fill(given);
    await this.page.getByLabel('New passphrase', { exact: true }).fill(next);
    await this.page.getByLabel('Confirm new passphrase').fill(next);
    await this.page.getByRole('button', { name: 'Save and continue' }).click();
    await expect(this.chooseHeading()).toBeHidden();
  }
}
