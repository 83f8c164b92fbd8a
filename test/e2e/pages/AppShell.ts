import { expect, type Locator, type Page } from '@playwright/test';

/** Parts of the signed-in console that every page shares: header, navigation, dialogs. */
export class AppShell {
  readonly user: Locator;
  readonly signOut: Locator;
  readonly lock: Locator;
  readonly verifyLog: Locator;
  readonly nav: Locator;
  readonly toasts: Locator;

  constructor(private readonly page: Page) {
    this.user = page.getByTestId('signed-in-user');
    this.signOut = page.getByRole('button', { name: 'Sign out' });
    this.lock = page.getByRole('button', { name: 'Lock' });
    this.verifyLog = page.getByRole('button', { name: 'Verify log' });
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.toasts = page.getByRole('region', { name: 'Notifications' });
  }

  async expectSignedIn(user: string, role: string): Promise<void> {
    await expect(this.user).toContainText(user);
    await expect(this.user).toContainText(role);
  }

  async goTo(section: 'Incidents' | 'Runbooks' | 'Backups' | 'Deadlines' | 'Action items' | 'Dashboard' | 'Audit log' | 'Users' | 'Settings' | 'My account'): Promise<void> {
    await this.nav.getByRole('link', { name: section }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: section })).toBeVisible();
  }

  async verifyChain(): Promise<Locator> {
    await this.verifyLog.click();
    const dialog = this.page.getByRole('dialog', { name: 'Verify the event log' });
    await expect(dialog).toBeVisible();
    return dialog.getByTestId('verify-result');
  }
}
