import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './runCli';

const SLOW = 120_000;
const PASSPHRASE = 'Correct-Horse-42-battery';
const env = { FIREBREAK_PASSPHRASE: PASSPHRASE };
let tmp: string;
let dataDir: string;
let ref: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'fb-notify-draft-cli-'));
  dataDir = join(tmp, 'vault');
  expect((await runCli(['--data-dir', dataDir, 'init', '--admin', 'alice'], env)).code).toBe(0);
  const add = await runCli(['--data-dir', dataDir, 'incident', 'add', '--title', 'Customer database copied', '--severity', 'SEV1', '--category', 'data-breach', '--json'], env);
  ref = (JSON.parse(add.stdout) as { ref: string }).ref;
}, SLOW);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function pdfText(file: string): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), disableFontFace: true, verbosity: 0 }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    text += (await (await doc.getPage(i)).getTextContent()).items.map((item) => ('str' in item ? `${item.str} ` : '')).join('');
  }
  await doc.destroy();
  return text.replace(/\s+/g, ' ');
}

describe('firebreak notify draft', () => {
  it('drafts a notice with the facts unknown: writes the PDF anyway, lists what is missing and warns (exit 0)', { timeout: SLOW }, async () => {
    const out = join(tmp, 'art33.pdf');
    const run = await runCli(['--data-dir', dataDir, 'notify', 'draft', ref, 'eu-gdpr-art33', '--format', 'pdf', '--out', out], env);
    expect(run.stderr).toMatch(/not legal advice/);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^New draft [0-9a-f-]{36}, version 1 \(draft\): Notification of a personal data breach under GDPR Art\. 33$/m);
    expect(run.stderr).toMatch(/^missing: The likely consequences of the personal data breach \(GDPR Art\. 33\(3\)\(c\)\)$/m);
    expect(run.stderr).toMatch(/^warning: \d+ placeholder\(s\) remain \(.*likely consequences.*\); the draft cannot be approved until they are filled$/m);
    expect(run.stdout).toMatch(new RegExp(`^Wrote ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(pdf, SHA-256 [0-9a-f]{64}\\)$`, 'm'));
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const text = await pdfText(out);
    expect(text).toContain('Notification of a personal data breach under GDPR Art. 33');
    expect(text).toContain('[[MISSING: likely consequences]]');
    expect(text).toContain('The competent supervisory authority');
  });

  it('the second run exports the same draft in another format; an existing file needs --force', { timeout: SLOW }, async () => {
    const out = join(tmp, 'art33.eml');
    const run = await runCli(['--data-dir', dataDir, 'notify', 'draft', ref, 'eu-gdpr-art33', '--audience', 'authority', '--format', 'eml', '--out', out, '--recipient', 'DPA <breach@dpa.example>', '--json'], env);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { notice: string; draft: { id: string; version: number }; file: string; sha256: string };
    expect(result).toMatchObject({ draft: { version: 1 }, file: out });
    expect(result.notice).toMatch(/not legal advice/);
    expect(run.stderr).toMatch(/^Draft [0-9a-f-]{36}, version 1/m);
    const eml = readFileSync(out, 'utf8');
    expect(eml).toMatch(/^To: DPA <breach@dpa\.example>\r$/m);
    expect(eml).toMatch(/\r\n\r\n/);

    const again = await runCli(['--data-dir', dataDir, 'notify', 'draft', ref, 'eu-gdpr-art33', '--format', 'eml', '--out', out], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists \(use --force to replace it\)/);
    expect((await runCli(['--data-dir', dataDir, 'notify', 'draft', ref, 'eu-gdpr-art33', '--format', 'md', '--out', out, '--force'], env)).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^\*\*Notification of a personal data breach under GDPR Art\. 33\*\*$/m);

    const list = await runCli(['--data-dir', dataDir, 'log', 'verify', '--json'], env);
    expect(JSON.parse(list.stdout)).toMatchObject({ ok: true });
  });

  it('refuses a bad format or audience (exit 2) and an unknown regime or incident, writing nothing', { timeout: SLOW }, async () => {
    const out = join(tmp, 'never.pdf');
    const bad = await runCli(['--data-dir', dataDir, 'notify', 'draft', ref, 'eu-gdpr-art33', '--format', 'odt', '--out', out], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--format must be one of md, html, pdf, docx, eml/);
    expect((await runCli(['--data-dir', dataDir, 'notify', 'draft', ref, 'eu-gdpr-art33', '--format', 'pdf', '--audience', 'press', '--out', out], env)).code).toBe(2);
    const regime = await runCli(['--data-dir', dataDir, 'notify', 'draft', ref, 'xx-nowhere', '--format', 'pdf', '--out', out], env);
    expect(regime.code).toBe(2);
    expect(regime.stderr).toMatch(/no regime xx-nowhere: `firebreak notify regimes` lists the ids/);
    const incident = await runCli(['--data-dir', dataDir, 'notify', 'draft', 'IR-2026-9999', 'eu-gdpr-art33', '--format', 'pdf', '--out', out], env);
    expect(incident.code).toBe(1);
    expect(incident.stderr).toMatch(/no incident IR-2026-9999/);
    expect(existsSync(out)).toBe(false);
  });
});
