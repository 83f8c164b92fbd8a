import { expect, type Locator, type Page } from '@playwright/test';

export class SignInPage {
  readonly heading: Locator;
  readonly user: Locator;
  readonly passphrase: Locator;
  readonly submit: Locator;
  readonly alert: Locator;
  readonly notice: Locator;

  constructor(page: Page) {
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
}
