import { expect, type Locator, type Page } from '@playwright/test';

const COLUMNS = { seq: 1, time: 2, actor: 3, type: 4, incident: 5, summary: 6 } as const;

export interface AuditFilters {
  type?: string;
  /** A user name, or '' for any actor. */
  actor?: string;
  text?: string;
}

/** The Audit log page: filters by type, actor and text over the paged event table. */
export class AuditLogPage {
  readonly heading: Locator;
  readonly filters: Locator;
  readonly search: Locator;
  readonly type: Locator;
  readonly actor: Locator;
  readonly table: Locator;
  readonly pager: Locator;
  readonly verifyButton: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Audit log' });
    this.filters = page.getByRole('search', { name: 'Filter events' });
    this.search = this.filters.getByRole('searchbox', { name: 'Search events' });
    this.type = this.filters.getByLabel('Event type');
    this.actor = this.filters.getByLabel('Actor');
    this.table = page.getByRole('main').getByRole('table');
    this.pager = page.getByRole('navigation', { name: 'Pages' });
    this.verifyButton = page.getByRole('button', { name: 'Verify chain' });
  }

  rows(): Locator {
    return this.table.locator('tbody tr');
  }

  /** One column of every row shown, top (newest) first; `toHaveText([...])` on it retries until the filters apply. */
  column(name: keyof typeof COLUMNS): Locator {
    return this.table.locator(`tbody tr > td:nth-child(${COLUMNS[name]})`);
  }

  /** The row of the newest event of `type` among those shown. */
  row(type: string): Locator {
    return this.rows().filter({ has: this.page.locator('td:nth-child(4)', { hasText: new RegExp(`^${type.replace(/\./g, '\\.')}$`) }) }).first();
  }

  /** Sets the given filters, leaving the others as they are. */
  async filter(filters: AuditFilters): Promise<void> {
    if (filters.type !== undefined) await this.type.fill(filters.type);
    if (filters.actor !== undefined) await this.actor.selectOption(filters.actor);
    if (filters.text !== undefined) await this.search.fill(filters.text);
  }

  async clearFilters(): Promise<void> {
    await this.filter({ type: '', actor: '', text: '' });
  }

  /** Opens the verification from this page's own button and returns its result. */
  async verifyChain(): Promise<Locator> {
    await this.verifyButton.click();
    const dialog = this.page.getByRole('dialog', { name: 'Verify the event log' });
    await expect(dialog).toBeVisible();
    return dialog.getByTestId('verify-result');
  }
}
