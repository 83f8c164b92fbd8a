import { expect, type Locator, type Page } from '@playwright/test';

export type StepState = 'pending' | 'available' | 'done' | 'skipped' | 'not-applicable' | 'not-taken';

/**
 * A guided run: the Runbooks card on the incident page (runs and the runbooks to start) and the
 * run view with one article per step. Every action waits for the step's new state, which only the
 * API's answer sets.
 */
export class RunPage {
  readonly panel: Locator;
  readonly view: Locator;
  readonly steps: Locator;
  readonly status: Locator;
  readonly progress: Locator;
  readonly clocks: Locator;
  readonly history: Locator;
  readonly undoButton: Locator;

  constructor(private readonly page: Page) {
    this.panel = page.getByRole('region', { name: 'Runbooks' });
    this.view = page.locator('section.run-view');
    this.steps = page.getByRole('list', { name: 'Steps' });
    this.status = page.getByTestId('run-status');
    this.progress = page.getByTestId('run-progress');
    this.clocks = page.getByRole('list', { name: 'Clocks' });
    this.history = page.getByRole('list', { name: 'Run history, newest first' });
    this.undoButton = page.getByRole('button', { name: 'Undo…' });
  }

  /** Starts a runbook from the incident page and waits for the run view. */
  async start(title: string): Promise<void> {
    await this.panel.getByRole('button', { name: `Start ${title}`, exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 2, name: title, exact: true })).toBeVisible();
  }

  /** Opens a run listed on the incident page. */
  async open(title: string): Promise<void> {
    await this.panel.getByRole('list', { name: 'Runs' }).getByRole('link', { name: title, exact: true }).click();
    await expect(this.steps).toBeVisible();
  }

  step(title: string): Locator {
    return this.steps.getByRole('article', { name: title, exact: true });
  }

  async expectState(title: string, state: StepState): Promise<void> {
    await expect(this.step(title)).toHaveAttribute('data-state', state);
  }

  async done(title: string): Promise<void> {
    await this.expectState(title, 'available');
    await this.step(title).getByRole('button', { name: 'Done', exact: true }).click();
    await this.expectState(title, 'done');
  }

  /** Ticks every item (each tick is its own action), then Done. */
  async tickAll(title: string): Promise<void> {
    const step = this.step(title);
    await this.expectState(title, 'available');
    const boxes = step.getByRole('checkbox');
    for (let i = 0; i < (await boxes.count()); i++) {
      await boxes.nth(i).click();
      await expect(boxes.nth(i)).toBeChecked();
    }
    await step.getByRole('button', { name: 'Done', exact: true }).click();
    await this.expectState(title, 'done');
  }

  /** Fills the input step's single field (found by its label) and marks it done. */
  async input(title: string, label: string, value: string): Promise<void> {
    const step = this.step(title);
    await this.expectState(title, 'available');
    const field = step.getByLabel(label, { exact: true });
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
    await step.getByRole('button', { name: 'Done', exact: true }).click();
    await this.expectState(title, 'done');
  }

  async decide(title: string, answer: string): Promise<void> {
    await this.expectState(title, 'available');
    await this.step(title).getByRole('button', { name: answer, exact: true }).click();
    await this.expectState(title, 'done');
  }

  async clock(title: string, button: 'Start clock' | 'Stop clock'): Promise<void> {
    await this.expectState(title, 'available');
    await this.step(title).getByRole('button', { name: button }).click();
    await this.expectState(title, 'done');
  }

  /** One approval by the signed-in user; the step stays available until enough people approved. */
  async approve(title: string, note?: string): Promise<void> {
    const step = this.step(title);
    await this.expectState(title, 'available');
    const before = Number(await step.getAttribute('data-approvals'));
    if (note) await step.getByLabel('Approval note (optional)').fill(note);
    await step.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(step).toHaveAttribute('data-approvals', String(before + 1));
  }

  async skip(title: string, reason: string): Promise<void> {
    await this.expectState(title, 'available');
    await this.step(title).getByRole('button', { name: 'Skip…' }).click();
    const dialog = this.page.getByRole('dialog', { name: `Skip “${title}”?` });
    await dialog.getByLabel('Reason').fill(reason);
    await dialog.getByRole('button', { name: 'Skip step' }).click();
    await expect(dialog).toBeHidden();
    await this.expectState(title, 'skipped');
  }

  /** Uploads files in the evidence step (each through evidence.add) and marks it done. */
  async attachEvidence(title: string, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
    const step = this.step(title);
    await this.expectState(title, 'available');
    await step.getByLabel('Upload files for this step').setInputFiles(files);
    for (const f of files) await expect(step.getByRole('checkbox', { name: new RegExp(f.name.replace(/\./g, '\\.')) })).toBeChecked();
    await step.getByRole('button', { name: 'Done', exact: true }).click();
    await this.expectState(title, 'done');
  }

  async undo(reason: string): Promise<Locator> {
    await this.undoButton.click();
    const dialog = this.page.getByRole('dialog', { name: 'Undo the last step?' });
    await dialog.getByLabel('Reason').fill(reason);
    await dialog.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect(dialog).toBeHidden();
    return dialog;
  }
}
