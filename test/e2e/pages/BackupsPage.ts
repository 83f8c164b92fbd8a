import { expect, type Locator, type Page } from '@playwright/test';

export interface PlanFields {
  name: string;
  sources: string[];
  target: string;
  schedule?: string;
  keepLast?: number;
  rtoMinutes?: number;
  rpoMinutes?: number;
  fullEvery?: number;
  includeDatabase?: boolean;
}

/**
 * The Backups screen: one card (a region named after the plan) per plan with its facts, Run now
 * and its live progress, the backups table with Verify, Drill and Restore, and the drill chart.
 * Every action waits for what only the API's answer puts on screen.
 */
export class BackupsPage {
  readonly heading: Locator;
  readonly addPlanButton: Locator;
  readonly addPlanDialog: Locator;
  readonly empty: Locator;
  readonly removedPlans: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Backups' });
    this.addPlanButton = page.getByRole('main').getByRole('button', { name: 'Add plan', exact: true }).first();
    this.addPlanDialog = page.getByRole('dialog', { name: 'Add a backup plan' });
    this.empty = page.getByRole('heading', { name: 'No backup plans yet' });
    this.removedPlans = page.getByRole('region', { name: 'Backups of removed plans' });
  }

  plan(name: string): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }

  runPanel(plan: string): Locator {
    return this.plan(plan).getByRole('group', { name: `Backup run of ${plan}` });
  }

  rows(plan: string): Locator {
    return this.plan(plan).getByRole('table', { name: `Backups of ${plan}` }).locator('tbody tr');
  }

  row(plan: string, id: string): Locator {
    return this.plan(plan).locator(`tbody tr[data-backup="${id}"]`);
  }

  /** The line of one kind of check in a backup's "Latest checks" cell. */
  latestCheck(plan: string, id: string, level: 'quick' | 'full' | 'drill'): Locator {
    return this.row(plan, id).getByRole('list', { name: `Latest checks of ${id}`, exact: true }).locator(`li[data-level="${level}"]`);
  }

  /** The line of one kind of check in the plan's "Latest checks" fact (across its backups). */
  planLatestCheck(plan: string, level: 'quick' | 'full' | 'drill'): Locator {
    return this.plan(plan).getByRole('list', { name: `Latest checks of ${plan}`, exact: true }).locator(`li[data-level="${level}"]`);
  }

  checkResult(plan: string): Locator {
    return this.plan(plan).getByTestId('check-result');
  }

  /** Fills and submits the Add plan form; returns the dialog (still open when the API refused the plan). */
  async addPlan(fields: PlanFields): Promise<Locator> {
    await this.addPlanButton.click();
    const dialog = this.addPlanDialog;
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Name', { exact: true }).fill(fields.name);
    await dialog.getByLabel('Sources', { exact: true }).fill(fields.sources.join('\n'));
    await dialog.getByLabel('Target directory').fill(fields.target);
    await dialog.getByLabel('Schedule (cron)').fill(fields.schedule ?? '');
    await dialog.getByLabel('Keep last').fill(fields.keepLast === undefined ? '' : String(fields.keepLast));
    await dialog.getByLabel('RTO (minutes)').fill(fields.rtoMinutes === undefined ? '' : String(fields.rtoMinutes));
    await dialog.getByLabel('RPO (minutes)').fill(fields.rpoMinutes === undefined ? '' : String(fields.rpoMinutes));
    if (fields.fullEvery !== undefined) await dialog.getByLabel('Full backup every … runs').fill(String(fields.fullEvery));
    await dialog.getByRole('checkbox', { name: /Also back up Firebreak's own database/ }).setChecked(fields.includeDatabase ?? true);
    await this.submitPlan();
    return dialog;
  }

  async submitPlan(): Promise<void> {
    await this.addPlanDialog.getByRole('button', { name: 'Add plan', exact: true }).click();
  }

  /** Full check or quick check of one backup; waits for the result above the table. */
  async verify(plan: string, id: string, level: 'quick' | 'full'): Promise<Locator> {
    await this.row(plan, id).getByRole('button', { name: level === 'full' ? 'Full check' : 'Quick check' }).click();
    const result = this.checkResult(plan);
    await expect(result).toHaveAttribute('data-level', level);
    await expect(result).toContainText(id);
    return result;
  }

  async drill(plan: string, id: string): Promise<Locator> {
    await this.row(plan, id).getByRole('button', { name: 'Drill' }).click();
    const result = this.checkResult(plan);
    await expect(result).toHaveAttribute('data-level', 'drill');
    return result;
  }

  /** Restores from one backup; returns the dialog showing the report (or the refusal). */
  async restore(plan: string, id: string, to: string, path?: string, overwrite = false): Promise<Locator> {
    await this.row(plan, id).getByRole('button', { name: 'Restore…' }).click();
    const dialog = this.page.getByRole('dialog', { name: `Restore ${id}` });
    await dialog.getByLabel('Restore into (directory)').fill(to);
    if (path !== undefined) await dialog.getByLabel('Only this path inside the backup (optional)').fill(path);
    if (overwrite) await dialog.getByRole('checkbox', { name: /Overwrite/ }).check();
    await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
    return dialog;
  }

  drillChart(plan: string): Locator {
    return this.plan(plan).getByRole('img', { name: new RegExp(`^Drill restore times of ${plan}:`) });
  }
}
