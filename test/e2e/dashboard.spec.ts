import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ADMIN, expect, test } from './fixtures';
import { DashboardPage } from './pages/DashboardPage';

const MANAGER = { name: 'mona', passphrase: 'manager passphrase 2026' };
const GDPR = {
  personalData: true, encrypted: false, riskToIndividuals: 'risk', secRegistrant: false, nydfsCoveredEntity: false, nis2Entity: 'none',
  doraFinancialEntity: false, hipaaCoveredEntity: false,
} as const;

/**
 * Issue 12 §4: a manager opens the dashboard on Q1 2026 — tiles with the fixture's figures, N and
 * coverage on every tile, charts drawn by recharts under the strict CSP (the auto fixture fails
 * the test on any `securitypolicyviolation`), and a data problem that opens its incident.
 */
test('a manager reads the quarter on the dashboard: figures, charts, no CSP violation, data problems link to the incident', async ({ page, openApp, setup, api, shell, signIn, cspViolations }) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  await api('users.add', { name: MANAGER.name, role: 'manager', passphrase: MANAGER.passphrase, mustChangePassphrase: false });

  // Time to contain: A 4 h, B 2 h, C out of order (kept by an override) → n = 2 of 3, median (nearest rank) 2 h.
  // Time to detect: only A has a start → n = 1 of 3: 6 h, "the time of a single incident".
  await api('incidents.create', {
    title: 'Ransom note on FS01', severity: 'SEV1', category: 'ransomware', startedAt: '2026-01-05T00:00:00Z', detectedAt: '2026-01-05T06:00:00Z',
    triagedAt: '2026-01-05T06:30:00Z', containedAt: '2026-01-05T10:00:00Z', recoveredAt: '2026-01-06T06:00:00Z', closedAt: '2026-01-10T06:00:00Z',
  });
  const b = await api('incidents.create', {
    title: 'Phished payroll mailbox', severity: 'SEV2', category: 'phishing', detectedAt: '2026-01-12T09:00:00Z', triagedAt: '2026-01-12T09:15:00Z',
    containedAt: '2026-01-12T11:00:00Z', dataCategories: ['contact'], affected: [{ jurisdiction: 'DE', count: 50 }],
  });
  const c = await api('incidents.create', {
    title: 'Customer database copied', severity: 'SEV2', category: 'data-breach', detectedAt: '2026-02-15T12:00:00Z', containedAt: '2026-02-15T10:00:00Z',
    dataCategories: ['contact'], affected: [{ jurisdiction: 'DE', count: 1200 }], overrideTimeOrder: 'The firewall blocked it before the alert was read',
  });
  await api('incidents.create', { title: 'Tabletop: ransomware', severity: 'SEV1', category: 'ransomware', exercise: true, detectedAt: '2026-02-20T00:00:00Z', containedAt: '2026-02-20T00:05:00Z' });
  // GDPR Art. 33 (72 h): B's notice a day late, C's a day early → 1 of 2 on time.
  for (const [ref, aware, sentAt] of [[b.ref, '2026-01-12T09:00:00Z', '2026-01-16T09:00:00Z'], [c.ref, '2026-02-15T12:00:00Z', '2026-02-17T12:00:00Z']] as const) {
    await api('notify.facts.set', { ref, patch: { ...GDPR, awareAt: aware, discoveredAt: aware, determinedAt: aware } });
    let draft = await api('notify.drafts.create', { ref, regimeId: 'eu-gdpr-art33' });
    if (draft.placeholders.length > 0) draft = await api('notify.drafts.revise', { id: draft.id, body: draft.body.replace(/\[\[MISSING: [^\]]*\]\]/g, 'not yet known') });
    await api('notify.drafts.approve', { id: draft.id });
    await api('notify.drafts.markSent', { id: draft.id, channel: 'portal', recipient: 'DPA portal', sentAt });
  }

  await shell.signOut.click();
  await signIn.signIn(MANAGER.name, MANAGER.passphrase);
  await shell.expectSignedIn(MANAGER.name, 'Manager');
  // Every console error while the dashboard loads and draws (CSP reports included) fails the test.
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await shell.goTo('Dashboard');
  const dash = new DashboardPage(page);
  await dash.customRange('2026-01-01', '2026-03-31');
  await expect(dash.scope).toContainText('3 incidents detected in the period (1 exercise left out)');

  const contain = dash.tile('Time to contain (median)');
  await expect(contain.getByTestId('kpi-value')).toHaveText('2.0 h');
  await expect(contain.getByTestId('kpi-basis')).toHaveText('n = 2 of 3 · coverage 67%');
  await expect(contain.getByTestId('kpi-warning')).toContainText('1 of 3 incidents not measured (0 without a time, 1 out of order)');
  const detect = dash.tile('Time to detect (median)');
  await expect(detect.getByTestId('kpi-value')).toHaveText('6.0 h');
  await expect(detect).toContainText('the time of a single incident');
  await expect(detect.getByTestId('kpi-basis')).toHaveText('n = 1 of 3 · coverage 33%');
  const notices = dash.tile('Notifications on time');
  await expect(notices.getByTestId('kpi-value')).toHaveText('50%');
  await expect(notices).toContainText('1 of 2 on time');

  for (const chart of ['durations-by-month', 'durations-by-severity', 'notifications']) await dash.expectChartDrawn(chart);
  await expect(dash.chart('drills').getByTestId('chart-empty')).toContainText('No restore drill in this period');
  await page.screenshot({ path: test.info().outputPath('dashboard.png') });
  await page.locator('.kpi-charts').screenshot({ path: test.info().outputPath('dashboard-charts.png') });
  await page.locator('.kpi-more').screenshot({ path: test.info().outputPath('dashboard-more.png') });
  expect(cspViolations).toEqual([]);
  expect(consoleErrors).toEqual([]);

  // The quarter's period report, as a PDF: the period and the incidents in it, the file recorded in the log.
  const { download, dialog } = await dash.downloadPeriodReport('pdf');
  await expect(dialog).toHaveAccessibleName('Period report — Q1 2026');
  expect(download.suggestedFilename()).toBe('period-report-2026-01-01-to-2026-03-31-tlp-amber.pdf');
  const pdf = await readFile(await download.path());
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(10_000);
  const doc = await getDocument({ data: new Uint8Array(pdf), disableFontFace: true, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) pages.push((await (await doc.getPage(i)).getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join(' '));
  await doc.destroy();
  const text = pages.join('\n').replace(/\s+/g, ' ');
  for (const expected of ['Period report Q1 2026', '2026-01-01 to 2026-03-31', b.ref, c.ref, 'Phished payroll mailbox', '50%: 1 of 2 notices due or sent']) expect(text, expected).toContain(expected);
  expect(text).not.toContain('Tabletop: ransomware');
  await expect(dialog.getByTestId('period-report-done')).toContainText(createHash('sha256').update(pdf).digest('hex').slice(0, 16));
  await dialog.screenshot({ path: test.info().outputPath('period-report-dialog.png') });
  await dialog.getByRole('button', { name: 'Close' }).last().click();

  // The data problem names the pair and opens the incident.
  await expect(dash.problems).toContainText('contained');
  await dash.problems.getByRole('link', { name: c.ref }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Customer database copied');
});

test('an empty period says what to do', async ({ page, openApp, setup, shell }) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  await shell.goTo('Dashboard');
  await expect(page.getByRole('heading', { name: /Nothing to measure for Q\d \d{4}/ })).toBeVisible();
  await expect(page.getByText('Pick another period or widen the filters')).toBeVisible();
});
