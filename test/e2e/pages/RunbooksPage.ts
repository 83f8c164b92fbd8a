import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** The Runbooks screen: built-in and custom runbooks, import, export and duplicate. */
export class RunbooksPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly importButton: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Runbooks' });
    this.table = page.getByRole('main').getByRole('table');
    this.importButton = page.getByRole('button', { name: 'Import runbook' });
  }

  /** The row of the runbook with this id. */
  row(id: string): Locator {
    return this.table.locator(`tbody tr[data-runbook="${id}"]`);
  }

  /** Imports one file; returns the dialog (still open when the file was refused). */
  async import(name: string, text: string, replace = false): Promise<Locator> {
    await this.importButton.click();
    const dialog = this.page.getByRole('dialog', { name: 'Import a runbook' });
    await dialog.getByLabel('Runbook file').setInputFiles({ name, mimeType: 'application/yaml', buffer: Buffer.from(text) });
    if (replace) await dialog.getByRole('checkbox', { name: /Replace our own runbook/ }).check();
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    return dialog;
  }

  async export(title: string): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: `Export ${title}`, exact: true }).click();
    return download;
  }

  async duplicate(title: string, newId: string, newTitle: string): Promise<void> {
    await this.page.getByRole('button', { name: `Duplicate ${title}`, exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: `Duplicate ${title}` });
    await dialog.getByLabel('New id').fill(newId);
    await dialog.getByLabel('Title').fill(newTitle);
    await dialog.getByRole('button', { name: 'Duplicate', exact: true }).click();
    await expect(dialog).toBeHidden();
  }
}
