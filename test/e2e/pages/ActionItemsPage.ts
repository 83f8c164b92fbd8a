import type { Locator, Page } from '@playwright/test';

/** The Action items page across incidents, and the Action items card of an incident. */
export class ActionItemsPage {
  readonly table: Locator;
  readonly card: Locator;
  readonly counts: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Action items' });
    this.card = page.getByRole('region', { name: 'Action items' });
    this.counts = page.getByTestId('action-counts');
  }

  /** A row by its id in whichever table is shown. */
  row(id: string): Locator {
    return this.page.locator(`tr[data-id="${id}"]`);
  }

  /** A filter of the page: "Whose" (Mine, Everyone) or "Which" (Open, Overdue, Done, Won't do, All). */
  async filter(group: 'Whose' | 'Which', option: string): Promise<void> {
    await this.page.getByRole('radiogroup', { name: group }).getByText(option, { exact: true }).click();
  }
}
