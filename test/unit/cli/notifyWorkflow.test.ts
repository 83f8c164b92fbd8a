/**
 * Issue 11 §1, CLI parity: the whole notice workflow can be scripted — facts from a file, drafts
 * listed, approved, recorded as sent with the file's SHA-256, an obligation decided not required —
 * and every refusal exits with its code, one line on stderr, and changes nothing.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Draft, TimelineEvent } from '../../../contract';
import { SAMPLE_LETTERHEAD } from '../../helpers/sampleLetterhead';
import { ADMIN, ADMIN_PASS, createTestVault, passphraseFor } from '../../helpers/testVault';
import { runCliInProcess } from '../../helpers/cli/runCliInProcess';
import { COMPLETE_FACTS } from '../notify/drafts/draftFixture';
import { runCli } from './runCli';

let tmp: string;
let dataDir: string;
let ref = '';
const env = { FIREBREAK_PASSPHRASE: ADMIN_PASS };
// In this process (runCliInProcess: the CLI's main() without a Node start per command); one refusal
// and one sent notice run as spawned processes, where the exit code and output are the process's.
const cli = (...args: string[]) => runCliInProcess(['--data-dir', dataDir, ...args], env);
const as = (user: string, ...args: string[]) => runCliInProcess(['--data-dir', dataDir, ...args, '--user', user, '--passphrase-file', join(tmp, `${user}.pass`)]);
const spawnedAs = (user: string, ...args: string[]) => runCli(['--data-dir', dataDir, ...args, '--user', user, '--passphrase-file', join(tmp, `${user}.pass`)]);
const file = (name: string, content: string) => {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
};

async function timeline(): Promise<TimelineEvent[]> {
  const r = await cli('incident', 'show', ref, '--json');
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { timeline: TimelineEvent[] }).timeline;
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'fb-notify-workflow-'));
  dataDir = join(tmp, 'data');
  // Set up through the API (the letterhead has no command), then work the notice from the shell.
  const vault = await createTestVault({ dataDir });
  await vault.admin.call('settings.letterhead.set', SAMPLE_LETTERHEAD);
  for (const [user, role] of [['lena', 'legal'], ['mia', 'manager']] as const) {
    await vault.admin.call('users.add', { name: user, role, passphrase: passphraseFor(user), mustChangePassphrase: false });
    writeFileSync(join(tmp, `${user}.pass`), `${passphraseFor(user)}\n`, { mode: 0o600 });
  }
  vault.backend.close();
  const add = await cli('incident', 'add', '--title', 'Customer database copied', '--severity', 'SEV1', '--category', 'data-breach');
  expect(add.code).toBe(0);
  ref = add.stdout.trim();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.sequential('firebreak notify: facts, drafts, approve, sent, decide', () => {
  it('notify facts merges a facts file (incident fields and breach facts), logged; the same file again changes nothing', { timeout: 60_000 }, async () => {
    const aware = new Date(Date.now() - 3_600_000).toISOString();
    const facts = { ...COMPLETE_FACTS, awareAt: aware, determinedAt: aware, dataCategories: ['contact'], affected: [{ jurisdiction: 'DE', count: 1200 }, { jurisdiction: 'US-TX', count: 300 }] };
    const path = file('facts.json', JSON.stringify(facts));
    const r = await cli('notify', 'facts', ref, '--file', path);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^Changed \d+ fact\(s\) of IR-\d{4}-\d{4}: .*affected.*personalData/);
    expect(r.stdout).toMatch(/^NOTIFY \(\d+\)$/m);
    expect(r.stdout).toMatch(/GDPR Art\. 33 — authority/);
    const events = await timeline();
    expect(events.some((e) => e.type === 'incident.updated' && e.actor === ADMIN)).toBe(true);
    expect(events.some((e) => e.type === 'notify.facts_changed' && e.actor === ADMIN)).toBe(true);

    const again = await cli('notify', 'facts', ref, '--file', path, '--json');
    expect(again.code).toBe(0);
    expect(again.stderr).toBe(`Nothing changed: every fact in ${path} already has that value\n`);
    expect((JSON.parse(again.stdout) as { changed: string[] }).changed).toEqual([]);
    expect((await timeline()).length).toBe(events.length);
  });

  it('a bad facts file, or incident fields from a role that may not change incidents, exit with one line and change nothing', { timeout: 60_000 }, async () => {
    const before = (await timeline()).length;
    const cases: [string[], number, RegExp][] = [
      [['notify', 'facts', ref, '--file', file('notjson.json', '{ "personalData": tr')], 2, /not JSON/],
      [['notify', 'facts', ref, '--file', file('unknown.json', '{ "personalData": true, "favouriteColour": "red" }')], 2, /favouriteColour/],
      [['notify', 'facts', ref, '--file', file('wrong.json', '{ "riskToIndividuals": "enormous" }')], 2, /riskToIndividuals/],
      [['notify', 'facts', ref, '--file', file('list.json', '[1, 2]')], 2, /one JSON object/],
      [['notify', 'facts', ref, '--file', join(tmp, 'missing.json')], 2, /cannot read .*ENOENT/],
      [['notify', 'facts', 'IR-2026-9999', '--file', file('ok.json', '{ "encrypted": true }')], 1, /no incident IR-2026-9999/],
    ];
    for (const [args, code, message] of cases) {
      const r = await cli(...args);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr).toMatch(/^firebreak: [^\n]+\n$/);
      expect(r.stderr).toMatch(message);
      expect(r.code, args.join(' ')).toBe(code);
    }
    const legal = await spawnedAs('lena', 'notify', 'facts', ref, '--file', file('counts.json', '{ "affected": [{ "jurisdiction": "FR", "count": 5 }], "encrypted": true }'));
    expect(legal.code).toBe(3);
    expect(legal.stderr).toMatch(/affected are the incident's own fields and lena \(legal\) may not change incidents: remove them from .* or ask a responder; nothing was changed/);
    expect((await timeline()).length).toBe(before);
  });

  it('notify drafts lists, notify approve approves (refused for another incident\'s draft), notify sent records the file\'s SHA-256', { timeout: 60_000 }, async () => {
    const pdf = join(tmp, 'art33.pdf');
    expect((await cli('notify', 'draft', ref, 'eu-gdpr-art33', '--format', 'pdf', '--out', pdf)).code).toBe(0);
    const listed = await cli('notify', 'drafts', ref);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^ID\s+REGIME\s+STAGE\s+AUDIENCE\s+VERSION\s+STATUS\s+APPROVALS\s+PLACEHOLDERS\s+SENT$/m);
    expect(listed.stdout).toMatch(/eu-gdpr-art33\s+notification\s+authority\s+1\s+draft\s+No approval yet \(1 needed\)\s+0\s+-/);
    const [draft] = JSON.parse((await cli('notify', 'drafts', ref, '--json')).stdout) as Draft[];
    if (!draft) throw new Error('no draft listed');

    const other = (await cli('incident', 'add', '--title', 'Another case', '--severity', 'SEV3', '--category', 'other')).stdout.trim();
    const wrong = await as('lena', 'notify', 'approve', other, draft.id);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(`firebreak: draft ${draft.id} is a notice of ${ref}, not ${other}: nothing was changed\n`);
    const unsent = await as('lena', 'notify', 'sent', ref, draft.id, '--channel', 'portal', '--recipient', 'BfDI portal', '--file', pdf);
    expect(unsent.code).toBe(1);
    expect(unsent.stderr).toMatch(/approve it before recording it as sent/);

    const approved = await as('lena', 'notify', 'approve', ref, draft.id);
    expect(approved.stderr).toBe('');
    expect(approved.code).toBe(0);
    expect(approved.stdout).toMatch(/^GDPR Art\. 33 notice .*, version 1: Approved by lena — it can be recorded as sent/);

    expect((await as('lena', 'notify', 'sent', ref, draft.id, '--channel', 'pigeon', '--recipient', 'x', '--file', pdf)).code).toBe(2);
    expect((await as('lena', 'notify', 'sent', ref, draft.id, '--channel', 'portal', '--recipient', 'x', '--file', file('sent.bin', 'x'))).stderr).toMatch(/is: --format md\|html\|pdf\|docx\|eml$/m);
    const sent = await spawnedAs('lena', 'notify', 'sent', ref, draft.id, '--channel', 'portal', '--recipient', 'BfDI portal, ref 2026-118', '--file', pdf);
    expect(sent.stderr).toBe('');
    expect(sent.code).toBe(0);
    const sha = createHash('sha256').update(readFileSync(pdf)).digest('hex');
    expect(sent.stdout).toContain(`SHA-256 ${sha} (pdf)`);
    const event = (await timeline()).find((e) => e.type === 'notify.sent');
    expect(event).toMatchObject({ actor: 'lena', data: { draftId: draft.id, sha256: sha, hashOf: 'pdf', channel: 'portal', recipient: 'BfDI portal, ref 2026-118' } });

    const assess = await cli('notify', 'assess', ref);
    expect(assess.stdout).toMatch(/Notification to the supervisory authority: SENT ✓ .* via portal to BfDI portal, ref 2026-118, recorded by lena — \d+ d \d+ h before the deadline/);
    expect((await cli('notify', 'drafts', ref)).stdout).toMatch(/eu-gdpr-art33\s+notification\s+authority\s+1\s+sent\s+-\s+0\s+\d{4}-\d\d-\d\dT\d\d:\d\d via portal to BfDI portal/);
  });

  it('notify decide: legal ends an obligation with a reason and can withdraw it; a manager may not; usage errors exit 2', { timeout: 60_000 }, async () => {
    const reason = 'The processor notified the Texas AG for all 300 residents (letter in evidence)';
    expect((await cli('notify', 'decide', ref, 'us-tx-ag', '--reason', reason)).code).toBe(2);
    expect((await cli('notify', 'decide', ref, 'us-tx-ag', '--required', '--not-required', '--reason', reason)).code).toBe(2);
    const manager = await as('mia', 'notify', 'decide', ref, 'us-tx-ag', '--not-required', '--reason', reason);
    expect(manager.code).toBe(3);

    const decided = await as('lena', 'notify', 'decide', ref, 'us-tx-ag', '--not-required', '--reason', reason);
    expect(decided.stderr).toBe('');
    expect(decided.code).toBe(0);
    expect(decided.stdout).toBe(`Tex. Bus. & Com. Code 521.053(i) (Attorney General) for ${ref}: decided not required by lena — its deadlines are off the board\n`);
    const assess = await cli('notify', 'assess', ref);
    expect(assess.stdout).toMatch(/^DECIDED NOT REQUIRED \(1\)$/m);
    expect(assess.stdout).toContain(`Decided not required by lena at `);
    expect(assess.stdout).toContain(reason);
    const again = await as('lena', 'notify', 'decide', ref, 'us-tx-ag', '--not-required', '--reason', 'again');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already decided not required/);

    const back = await as('lena', 'notify', 'decide', ref, 'us-tx-ag', '--required', '--reason', 'The letter covered only 120 people');
    expect(back.code).toBe(0);
    expect(back.stdout).toMatch(/the not-required decision is withdrawn — the obligation is open again/);
    expect((await timeline()).filter((e) => e.type === 'notify.decision').map((e) => [e.actor, (e.data as { decision: string }).decision])).toEqual([['lena', 'not-required'], ['lena', 'required']]);
  });
});
