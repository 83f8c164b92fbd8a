import { expect, type Locator, type Page } from '@playwright/test';

export interface NewIncident {
  title: string;
  severity: 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4';
  category: string;
  owner?: string;
  summary?: string;
}

export class IncidentListPage {
  readonly heading: Locator;
  readonly grid: Locator;
  readonly filter: Locator;
  readonly count: Locator;
  readonly newButton: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Incidents' });
    this.grid = page.getByRole('grid', { name: 'Incidents' });
    this.filter = page.getByRole('searchbox', { name: 'Filter incidents by text' });
    this.count = page.locator('.page-sub');
    this.newButton = page.getByRole('button', { name: /New incident/ });
  }

  /** Data rows (the header row has aria-rowindex 1). */
  rows(): Locator {
    return this.grid.locator('[role="row"][aria-rowindex]:not([aria-rowindex="1"])');
  }

  /** The titles in display order: rows are absolutely positioned, so order by aria-rowindex. */
  async titles(): Promise<string[]> {
    const rows = await this.rows().evaluateAll((els) =>
      els
        // The title itself, without an exercise's badge before it.
        .map((el) => ({ index: Number(el.getAttribute('aria-rowindex')), title: el.querySelector('.col-title .title-cell')?.textContent ?? '' }))
        .sort((a, b) => a.index - b.index)
        .map((r) => r.title),
    );
    return rows;
  }

  async create(incident: NewIncident): Promise<string> {
    await this.newButton.click();
    const dialog = this.page.getByRole('dialog', { name: 'New incident' });
    await dialog.getByLabel('Title').fill(incident.title);
    await dialog.getByRole('radio', { name: new RegExp(incident.severity) }).check();
    await dialog.getByLabel('Category').selectOption({ label: incident.category });
    if (incident.owner) await dialog.getByLabel('Owner').selectOption(incident.owner);
    if (incident.summary) await dialog.getByLabel('Summary').fill(incident.summary);
    await dialog.getByRole('button', { name: 'Declare incident' }).click();
    await expect(dialog).toBeHidden();
    const ref = this.page.getByTestId('incident-ref');
    await expect(ref).toHaveText(/^IR-\d{4}-\d{4,}$/);
    return (await ref.textContent()) ?? '';
  }

  async sortBy(column: string): Promise<void> {
    await this.grid.getByRole('columnheader', { name: column }).getByRole('button').click();
  }

  async filterBy(menu: 'Status' | 'Severity' | 'Category', option: RegExp | string): Promise<void> {
    await this.page.getByRole('search', { name: 'Filter incidents' }).getByRole('button', { name: new RegExp(`^${menu}`) }).click();
    await this.page.getByRole('group', { name: `${menu} filter` }).getByRole('checkbox', { name: option }).check();
    await this.page.keyboard.press('Escape');
  }
}
