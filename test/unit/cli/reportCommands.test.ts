import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withRawDb } from '../../helpers/rawDb';
import { runCli } from './runCli';

const SLOW = 120_000;
const env = { FIREBREAK_PASSPHRASE: 'Correct-Horse-42-battery' };
let tmp: string;
let dataDir: string;
let ref: string;
const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args], env);
const reportEvents = async () => (JSON.parse((await cli('incident', 'show', ref, '--json')).stdout) as { timeline?: { type: string }[] }).timeline?.filter((e) => e.type === 'report.generated').length;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'fb-report-cli-'));
  dataDir = join(tmp, 'vault');
  expect((await runCli(['--data-dir', dataDir, 'init', '--admin', 'alice'], env)).code).toBe(0);
  ref = (JSON.parse((await cli('incident', 'add', '--title', 'Laptop stolen from car', '--severity', 'SEV3', '--category', 'lost-device', '--json')).stdout) as { ref: string }).ref;
  expect((await cli('incident', 'note', ref, '--text', 'Police report filed')).code).toBe(0);
}, SLOW);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Before the incident report's tests: the last of them alters the log behind Firebreak's back.
describe('firebreak report period', () => {
  it('writes the quarter\'s report with the incident detected in it, prints its SHA-256 and anchor, and the anchor checks out', { timeout: SLOW }, async () => {
    const added = await cli('incident', 'add', '--title', 'Phished payroll mailbox', '--severity', 'SEV2', '--category', 'phishing', '--detected-at', '2026-02-10T09:00:00Z', '--json');
    const q1 = (JSON.parse(added.stdout) as { ref: string }).ref;
    const out = join(tmp, 'q1.md');
    const run = await cli('report', 'period', '--from', '2026-01-01', '--to', '2026-03-31', '--format', 'md', '--tlp', 'green', '--out', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const data = readFileSync(out);
    const m = /^Wrote (.+) \(period 2026-01-01 to 2026-03-31, md, TLP:GREEN, (\d+) bytes\)\nSHA-256 ([0-9a-f]{64})\nAnchor (\d+:[0-9a-f]{64}) \(recorded as event #\d+; check: firebreak log verify --anchor \4 --report .+\)$/.exec(run.stdout.trim());
    expect(m?.[1]).toBe(out);
    expect(Number(m?.[2])).toBe(data.length);
    expect(m?.[3]).toBe(createHash('sha256').update(data).digest('hex'));
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const text = data.toString();
    expect(text).toContain('# Period report Q1 2026');
    expect(text).toContain(`| ${q1} | Phished payroll mailbox | SEV2 |`);
    // Detected after the quarter (today), so not in it.
    expect(text).not.toContain(ref);
    expect(text).toContain(m?.[4] ?? 'no anchor');
    const verify = await cli('log', 'verify', '--anchor', m?.[4] ?? '', '--report', out);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/The file was recorded as report\.generated event #\d+ \(md, TLP:GREEN\)/);
  });

  it('refuses a period that ends before it starts, or a day that does not exist, with the usage exit code and no file', { timeout: SLOW }, async () => {
    const out = join(tmp, 'backwards.pdf');
    const back = await cli('report', 'period', '--from', '2026-03-31', '--to', '2026-01-01', '--format', 'pdf', '--out', out);
    expect(back.code).toBe(2);
    expect(back.stderr).toMatch(/--to must be on or after --from \(2026-03-31 to 2026-01-01 ends before it starts\)/);
    const bad = await cli('report', 'period', '--from', '2026-02-30', '--to', '2026-03-31', '--format', 'pdf', '--out', out);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--from: 2026-02-30 is not a calendar date/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses to overwrite a file unless --force, before generating anything', { timeout: SLOW }, async () => {
    const out = join(tmp, 'existing-period.pdf');
    writeFileSync(out, 'keep me');
    const refused = await cli('report', 'period', '--from', '2026-01-01', '--to', '2026-03-31', '--format', 'pdf', '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/existing-period\.pdf already exists \(use --force to replace it\); nothing was generated/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
  });
});

describe('firebreak report incident', () => {
  it('writes the report (mode 0600) and prints its SHA-256 and anchor; log verify --anchor --report checks it (exit 0)', { timeout: SLOW }, async () => {
    const out = join(tmp, 'report.md');
    const run = await cli('report', 'incident', ref, '--format', 'md', '--tlp', 'green', '--out', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const data = readFileSync(out);
    const sha256 = createHash('sha256').update(data).digest('hex');
    const m = /^Wrote (.+) \(md, TLP:GREEN, (\d+) bytes\)\nSHA-256 ([0-9a-f]{64})\nAnchor (\d+:[0-9a-f]{64}) \(recorded as event #\d+; check: firebreak log verify --anchor \4 --report .+\)$/.exec(run.stdout.trim());
    expect(m?.[1]).toBe(out);
    expect(Number(m?.[2])).toBe(data.length);
    expect(m?.[3]).toBe(sha256);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(data.toString()).toContain('Police report filed');
    expect(data.toString()).toContain(`> **TLP:GREEN**`);
    const anchor = m?.[4] ?? '';
    expect(data.toString()).toContain(anchor);

    const verify = await cli('log', 'verify', '--anchor', anchor, '--report', out);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/^Verified: the log holds event #\d+ unchanged and all \d+ events verify\. The file was recorded as report\.generated event #\d+ \(md, TLP:GREEN\)/);
  });

  it('refuses to overwrite a file unless --force, before generating anything (no report.generated event)', { timeout: SLOW }, async () => {
    const out = join(tmp, 'existing.pdf');
    writeFileSync(out, 'keep me');
    const before = await reportEvents();
    const refused = await cli('report', 'incident', ref, '--format', 'pdf', '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/existing\.pdf already exists \(use --force to replace it\); nothing was generated/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect(await reportEvents()).toBe(before);
    const forced = await cli('report', 'incident', ref, '--format', 'pdf', '--out', out, '--force', '--redact', '--json');
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout)).toMatchObject({ file: out, format: 'pdf', tlp: 'amber', verified: true });
    expect(forced.stderr).toMatch(/personal data redacted/);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await reportEvents()).toBe((before ?? 0) + 1);
  });

  it('refuses an unknown format or marking, and a malformed anchor, with the usage exit code and the fix', { timeout: SLOW }, async () => {
    const format = await cli('report', 'incident', ref, '--format', 'odt', '--out', join(tmp, 'x.odt'));
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/--format must be one of pdf, docx, md, html/);
    const tlp = await cli('report', 'incident', ref, '--format', 'pdf', '--tlp', 'white', '--out', join(tmp, 'x.pdf'));
    expect(tlp.code).toBe(2);
    expect(tlp.stderr).toMatch(/--tlp must be one of clear, green, amber, red/);
    expect(existsSync(join(tmp, 'x.pdf'))).toBe(false);
    const anchor = await cli('log', 'verify', '--anchor', '12:abc');
    expect(anchor.code).toBe(2);
    expect(anchor.stderr).toMatch(/--anchor must be SEQ:HASH/);
    const lone = await cli('log', 'verify', '--report', join(tmp, 'report.md'));
    expect(lone.code).toBe(2);
    expect(lone.stderr).toMatch(/--report needs --anchor/);
  });

  it('log verify --anchor exits 4 once the log was altered behind Firebreak\'s back', { timeout: SLOW }, async () => {
    const run = await cli('report', 'incident', ref, '--format', 'html', '--out', join(tmp, 'r.html'), '--json');
    const { anchor } = JSON.parse(run.stdout) as { anchor: { seq: number; hash: string } };
    const keyHex = (await cli('vault', 'export-key')).stdout.trim();
    withRawDb(dataDir, keyHex, (db) => {
      db.exec('DROP TRIGGER events_no_update;');
      db.prepare("UPDATE events SET data = '{\"text\":\"No police report\"}' WHERE type = 'incident.note'").run();
    });
    const verify = await cli('log', 'verify', '--anchor', `${anchor.seq}:${anchor.hash}`);
    expect(verify.code).toBe(4);
    expect(verify.stderr).toMatch(/^firebreak: NOT VERIFIED: the log was altered at or before the anchored event: event #\d+ \(event \d+ was altered \(hash differs\)\)/);
  });
});
