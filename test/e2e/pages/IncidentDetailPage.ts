import { expect, type Locator, type Page } from '@playwright/test';

export class IncidentDetailPage {
  readonly title: Locator;
  readonly ref: Locator;
  readonly editButton: Locator;
  readonly timeline: Locator;
  readonly noteBox: Locator;
  readonly addNote: Locator;
  readonly stepper: Locator;
  readonly evidence: Locator;

  constructor(private readonly page: Page) {
    this.title = page.locator('h1.incident-title');
    this.ref = page.getByTestId('incident-ref');
    this.editButton = page.getByRole('button', { name: /Edit details/ });
    this.timeline = page.getByRole('list', { name: 'Events, newest first' });
    this.noteBox = page.getByRole('textbox', { name: 'Note' });
    this.addNote = page.getByRole('button', { name: 'Add note' });
    this.stepper = page.getByRole('list', { name: 'Incident phase' });
    this.evidence = page.getByRole('region', { name: 'Evidence' });
  }

  /** Edits the named fields (by label) and saves. */
  async edit(fields: Record<string, string>): Promise<void> {
    await this.editButton.click();
    const form = this.page.getByRole('form', { name: 'Edit details' });
    for (const [label, value] of Object.entries(fields)) {
      const control = form.getByLabel(label, { exact: true });
      const tag = await control.evaluate((el) => el.tagName);
      if (tag === 'SELECT') await control.selectOption(value);
      else await control.fill(value);
    }
    await form.getByRole('button', { name: /^Save/ }).click();
    await expect(form).toBeHidden();
  }

  /** The open edit form. */
  editForm(): Locator {
    return this.page.getByRole('form', { name: 'Edit details' });
  }

  /** Types a code and a count into row `row` (1-based) of the affected-people table, adding rows as needed. */
  async setAffected(row: number, code: string, count: number): Promise<void> {
    const form = this.editForm();
    while ((await form.getByLabel(/^Jurisdiction, row \d+$/).count()) < row) await form.getByRole('button', { name: 'Add jurisdiction' }).click();
    await form.getByLabel(`Jurisdiction, row ${row}`, { exact: true }).fill(code);
    await form.getByLabel(`People affected, row ${row}`, { exact: true }).fill(String(count));
  }

  async moveTo(status: string): Promise<void> {
    await this.stepper.getByRole('button', { name: `Move to ${status}` }).click();
  }

  /** Opens an incident seeded through the API (the hash route; the session cookie stays). */
  async open(origin: string, ref: string): Promise<void> {
    await this.page.goto(`${origin}#/incidents/${ref}`);
    await expect(this.ref).toHaveText(ref);
  }

  /** One phase of the phase bar; its `data-state` is the API's state (reached, skipped, superseded, not-reached). */
  step(status: string): Locator {
    return this.stepper.getByRole('listitem').filter({ has: this.page.locator('.step-label', { hasText: new RegExp(`^${status}$`) }) });
  }

  /** A key time in the details card, by phase label. */
  keyTime(status: string): Locator {
    return this.page.locator('.facts .fact').filter({ has: this.page.locator('dt', { hasText: new RegExp(`^${status}$`) }) }).locator('dd');
  }

  async timelineEntry(text: string | RegExp): Promise<Locator> {
    const entry = this.timeline.getByRole('listitem').filter({ hasText: text }).first();
    await expect(entry).toBeVisible();
    return entry;
  }
}
