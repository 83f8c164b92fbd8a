import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ADMIN, expect, test } from './fixtures';

async function pdfText(data: Buffer): Promise<{ pages: string[] }> {
  const doc = await getDocument({ data: new Uint8Array(data), disableFontFace: true, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) pages.push((await (await doc.getPage(i)).getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join(' '));
  await doc.destroy();
  return { pages };
}

test('the incident page downloads the report as a PDF that parses, and its anchor checks out in Verify chain', async ({ page, openApp, setup, shell, list, detail, api }) => {
  await openApp();
  await setup.createVault(ADMIN.name, ADMIN.passphrase);
  await setup.acknowledgeRecoveryKey();
  await list.create({ title: 'Ransomware on FS01', severity: 'SEV1', category: 'Ransomware' });
  await detail.moveTo('Triaged');
  await detail.timelineEntry('Moved status Detected → Triaged');

  await page.getByRole('button', { name: 'Report', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /Incident report/ });
  await dialog.getByLabel('Format').selectOption('pdf');
  await dialog.getByLabel('TLP marking').selectOption('red');
  await expect(dialog.getByText(/For the eyes and ears of individual recipients only/)).toBeVisible();
  await dialog.getByRole('switch', { name: /Redact personal data/ }).check();
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download report' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^IR-\d{4}-\d{4}-incident-report-tlp-red-redacted\.pdf$/);
  const pdf = await readFile(await download.path());
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const { pages } = await pdfText(pdf);
  const text = pages.join('\n');
  expect(text).toContain('Ransomware on FS01');
  expect(text).toContain('Integrity anchor');
  pages.forEach((p, i) => expect(p, `page ${i + 1}`).toContain('TLP:RED'));

  // The dialog says what was recorded; the log holds the file's hash.
  await expect(dialog.getByTestId('report-done')).toContainText(`Downloaded ${download.suggestedFilename()}`);
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  await expect(dialog.getByTestId('report-done')).toContainText(sha256.slice(0, 16));
  const ref = (await api('incidents.list', {})).rows[0]!.ref;
  const recorded = (await api('timeline.forIncident', { ref })).find((e) => e.type === 'report.generated');
  expect(recorded?.data).toMatchObject({ sha256, format: 'pdf', tlp: 'red', redacted: true });
  const anchor = recorded?.data.anchor as { seq: number; hash: string };
  expect(text.replace(/\s+/g, '')).toContain(`${anchor.seq}:${anchor.hash}`);
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await detail.timelineEntry(/Generated the incident report|Report generated/);

  // Verify chain › Check a report's anchor, with the downloaded file.
  await shell.verifyChain();
  const verify = page.getByRole('dialog', { name: 'Verify the event log' });
  await verify.getByLabel(/^Anchor/).fill(`${anchor.seq}:${anchor.hash}`);
  await verify.getByLabel(/The report file/).setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/pdf', buffer: pdf });
  await verify.getByRole('button', { name: 'Check anchor' }).click();
  await expect(verify.getByTestId('anchor-result')).toContainText('Anchor verified');
  await expect(verify.getByTestId('anchor-result')).toContainText(/recorded as report\.generated event #\d+ \(pdf, TLP:RED\)/);
  // A wrong hash is refused with the reason, in words.
  await verify.getByLabel(/^Anchor/).fill(`${anchor.seq}:${'0'.repeat(64)}`);
  await verify.getByRole('button', { name: 'Check anchor' }).click();
  await expect(verify.getByTestId('anchor-result')).toContainText('Anchor NOT verified');
  await expect(verify.getByTestId('anchor-result')).toContainText(`event #${anchor.seq}`);
});
