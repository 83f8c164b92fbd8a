import { expect, type Locator, type Page } from '@playwright/test';

/** An incident's Review tab: the nine sections, the status line, save and sign-off, key events, versions. */
export class ReviewPage {
  readonly tab: Locator;
  readonly status: Locator;
  readonly save: Locator;
  readonly signOff: Locator;
  readonly keyEvents: Locator;
  readonly versions: Locator;

  constructor(private readonly page: Page) {
    this.tab = page.getByRole('navigation', { name: 'Incident views' }).getByRole('link', { name: 'Review' });
    this.status = page.getByTestId('review-status');
    this.save = page.getByRole('button', { name: /^Save version \d+$/ });
    this.signOff = page.getByRole('button', { name: 'Sign off…' });
    this.keyEvents = page.getByRole('list', { name: 'Key events, oldest first' });
    this.versions = page.getByRole('list', { name: 'Versions, newest first' });
  }

  async open(): Promise<void> {
    await this.tab.click();
    await expect(this.page.getByRole('heading', { level: 2, name: 'Post-incident review' })).toBeVisible();
  }

  /** The textarea of a section, by its title ("Root cause"). */
  section(title: string): Locator {
    return this.page.getByRole('textbox', { name: title, exact: true });
  }

  /** Switches a section between writing and its rendered preview. */
  async preview(title: string, on = true): Promise<Locator> {
    await this.page.getByRole('group', { name: `${title}: write or preview` }).getByRole('button', { name: on ? 'Preview' : 'Write' }).click();
    return this.page.locator('.review-section').filter({ has: this.page.getByRole('heading', { name: title, exact: true }) }).locator('.review-preview');
  }
}
