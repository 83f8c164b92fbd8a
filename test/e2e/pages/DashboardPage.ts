import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** The KPI dashboard: period and filters, tiles, charts, data problems. */
export class DashboardPage {
  readonly period: Locator;
  readonly scope: Locator;
  readonly problems: Locator;

  constructor(private readonly page: Page) {
    this.period = page.getByLabel('Period', { exact: true });
    this.scope = page.getByTestId('kpi-scope');
    this.problems = page.getByRole('region', { name: /Data problems/ });
  }

  async customRange(from: string, to: string): Promise<void> {
    await this.period.selectOption('custom');
    await this.page.getByLabel('From', { exact: true }).fill(from);
    await this.page.getByLabel('To', { exact: true }).fill(to);
  }

  tile(label: RegExp | string): Locator {
    return this.page.getByRole('region', { name: label });
  }

  chart(id: string): Locator {
    return this.page.locator(`[data-chart="${id}"]`);
  }

  /** Opens the period report dialog for the period and filters picked, chooses the format and downloads the file. */
  async downloadPeriodReport(format: 'pdf' | 'docx' | 'md' | 'html'): Promise<{ download: Download; dialog: Locator }> {
    await this.page.getByRole('button', { name: 'Download period report…' }).click();
    const dialog = this.page.getByRole('dialog', { name: /Period report/ });
    await dialog.getByLabel('Format').selectOption(format);
    const [download] = await Promise.all([this.page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download report' }).click()]);
    return { download, dialog };
  }

  /** A chart is drawn when recharts has laid out its SVG with at least one series path or bar in it. */
  async expectChartDrawn(id: string): Promise<void> {
    const svg = this.chart(id).locator('svg.recharts-surface');
    await expect(svg.first()).toBeVisible();
    await expect(this.chart(id).locator('.recharts-line-curve, .recharts-bar-rectangle path, .recharts-rectangle').first()).toBeAttached();
  }
}
