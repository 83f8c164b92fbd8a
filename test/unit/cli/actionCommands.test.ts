/**
 * Issue 12 §2, the CLI: `firebreak action list|add|done|wont-do` — ids as A-7, overdue first, the
 * signed-in user's own with --mine, --json on the list, and every refusal one line on stderr with
 * its exit code (docs/cli.md), changing nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionItem } from '../../../contract';
import { TestClock } from '../../helpers/TestClock';
import { runCliInProcess } from '../../helpers/cli/runCliInProcess';
import { ADMIN_PASS, createTestVault, passphraseFor } from '../../helpers/testVault';
import { runCli } from './runCli';

let tmp: string;
let dataDir: string;
let ref = '';
let other = '';
const env = { FIREBREAK_PASSPHRASE: ADMIN_PASS };
// In this process (runCliInProcess: the CLI's main() without a Node start per command); the first
// add and the auditor's refusal are spawned processes, whose exit code and output are the process's.
const cli = (...args: string[]) => runCliInProcess(['--data-dir', dataDir, ...args], env);
const as = (user: string, ...args: string[]) => runCliInProcess(['--data-dir', dataDir, ...args, '--user', user, '--passphrase-file', join(tmp, `${user}.pass`)]);
const spawnedAs = (user: string, ...args: string[]) => runCli(['--data-dir', dataDir, ...args, '--user', user, '--passphrase-file', join(tmp, `${user}.pass`)]);
/** A date (YYYY-MM-DD) `days` from today, in this machine's time zone, as the CLI reads --due. */
const dayFromNow = (days: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const list = async (...args: string[]) => {
  const r = await cli('action', 'list', ...args, '--json');
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as ActionItem[];
};

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'fb-action-cli-'));
  dataDir = join(tmp, 'data');
  // Users and incidents through the API; one item due two days ago, overdue from the start (back-filled).
  const vault = await createTestVault({ dataDir, clock: new TestClock(Date.now()) });
  for (const [user, role] of [['omar', 'responder'], ['kim', 'auditor'], ['otto', 'backup-operator']] as const) {
    await vault.admin.call('users.add', { name: user, role, passphrase: passphraseFor(user), mustChangePassphrase: false });
    writeFileSync(join(tmp, `${user}.pass`), `${passphraseFor(user)}\n`, { mode: 0o600 });
  }
  ref = (await vault.admin.call('incidents.create', { title: 'Ransomware on FS01', severity: 'SEV1', category: 'ransomware' })).ref;
  other = (await vault.admin.call('incidents.create', { title: 'Phishing wave', severity: 'SEV3', category: 'phishing' })).ref;
  await vault.admin.call('actions.add', { ref: other, title: 'Block the sender domain', owner: 'omar', due: dayFromNow(-2) });
  vault.backend.close();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.sequential('firebreak action', () => {
  it('add prints the new id; list shows overdue first, as a table or JSON', { timeout: 60_000 }, async () => {
    const add = await runCli(['--data-dir', dataDir, 'action', 'add', ref, '--title', 'Close RDP on every server', '--owner', 'otto', '--due', dayFromNow(7)], env);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toBe('A-2\n');
    const third = await cli('action', 'add', ref, '--title', 'Rotate the admin passwords', '--owner', 'omar', '--due', dayFromNow(2), '--json');
    expect(JSON.parse(third.stdout)).toMatchObject({ id: 3, ref, owner: 'omar', status: 'open', overdue: false });
    // The date is kept as given; it becomes overdue at the end of that day in this machine's time zone.
    const added = JSON.parse(third.stdout) as ActionItem;
    expect(added.due).toBe(dayFromNow(2));
    const end = new Date(added.dueAt);
    expect([end.getHours(), end.getMinutes(), end.getSeconds()]).toEqual([23, 59, 59]);

    const table = await cli('action', 'list');
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+INCIDENT\s+DUE\s+STATUS\s+OWNER\s+TITLE$/);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/))).toEqual([
      ['A-1', other, dayFromNow(-2), 'OVERDUE', 'omar', 'Block the sender domain'],
      ['A-3', ref, dayFromNow(2), 'open', 'omar', 'Rotate the admin passwords'],
      ['A-2', ref, dayFromNow(7), 'open', 'otto', 'Close RDP on every server'],
    ]);
    expect(table.stderr).toBe('3 action items, 1 overdue\n');
    expect((await list('--overdue')).map((a) => a.id)).toEqual([1]);
    expect((await list(ref)).map((a) => a.id)).toEqual([3, 2]);
    const mine = await as('omar', 'action', 'list', '--mine', '--json');
    expect((JSON.parse(mine.stdout) as ActionItem[]).map((a) => a.id)).toEqual([1, 3]);
    // A backup operator reads the items it owns.
    expect((JSON.parse((await as('otto', 'action', 'list', '--json')).stdout) as ActionItem[]).map((a) => a.id)).toEqual([2]);
  });

  it('done and wont-do end an item with the note or the reason; both are in the timeline', { timeout: 60_000 }, async () => {
    const done = await as('otto', 'action', 'done', 'A-2', '--note', 'Firewall rule FW-221 closes 3389');
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/^A-2 on IR-\d{4}-\d{4}, "Close RDP on every server", owner otto, due \d{4}-\d{2}-\d{2}: done \(by otto at .*\) — Firewall rule FW-221 closes 3389\n$/);
    const wont = await as('omar', 'action', 'wont-do', '1', '--reason', 'The sender domain was taken down');
    expect(wont.code).toBe(0);
    expect(wont.stdout).toMatch(/: won't do \(by omar at .*\) — The sender domain was taken down\n$/);
    expect((await list('--status', 'done')).map((a) => a.id)).toEqual([2]);
    expect((await list('--status', 'wont-do')).map((a) => a.id)).toEqual([1]);
    expect((await list('--overdue'))).toEqual([]);
    const show = JSON.parse((await cli('incident', 'show', ref, '--json')).stdout) as { timeline: { type: string; actor: string }[] };
    expect(show.timeline.filter((e) => e.type.startsWith('action.')).map((e) => [e.type, e.actor])).toEqual([
      ['action.added', 'admin'], ['action.added', 'admin'], ['action.done', 'otto'],
    ]);
  });

  it('refusals exit with their code and one line on stderr and change nothing; reopen opens an ended item again', { timeout: 60_000 }, async () => {
    const before = await list();
    // One run per exit path (usage, API validation, not found, conflict); the domain's own refusals are unit-tested in test/unit/reviews.
    const cases: [string[], number, RegExp][] = [
      [['action', 'add', ref, '--title', 'X marks', '--owner', 'omar', '--due', 'next friday'], 2, /--due must be a calendar date like 2026-04-30 \(a due date has no time of day\)/],
      [['action', 'add', ref, '--title', 'At five', '--owner', 'omar', '--due', '2026-04-30T17:00:00Z'], 2, /--due must be a calendar date like 2026-04-30/],
      [['action', 'add', ref, '--title', 'Leap', '--owner', 'omar', '--due', '2026-02-30'], 2, /--due must be a calendar date like 2026-04-30 .*, not "2026-02-30"/],
      [['action', 'add', ref, '--title', 'Audit this', '--owner', 'kim', '--due', dayFromNow(3)], 2, /owner: kim is an auditor, and that role cannot work action items/],
      [['action', 'add', 'IR-2026-9999', '--title', 'Nowhere', '--owner', 'omar', '--due', dayFromNow(3)], 1, /no incident IR-2026-9999/],
      [['action', 'done', 'A-2', '--note', 'Again'], 1, /^firebreak: A-2 is done \(by otto at .*\): nothing was changed$/m],
      [['action', 'done', 'B-2', '--note', 'Done'], 2, /"B-2" is not an action item id: give one like A-7/],
      [['action', 'list', '--status', 'closed'], 2, /--status must be one of open, done, wont-do/],
    ];
    for (const [args, code, message] of cases) {
      const r = await cli(...args);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr, args.join(' ')).toMatch(/^firebreak: [^\n]+\n$/);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.code, args.join(' ')).toBe(code);
    }
    const reopen = await as('otto', 'action', 'reopen', 'A-2', '--reason', 'Port 3389 open again on FS02', '--json');
    expect(reopen.code).toBe(0);
    expect(JSON.parse(reopen.stdout)).toMatchObject({ id: 2, status: 'open', version: 3 });
    const again = await cli('action', 'reopen', 'A-2', '--reason', 'Twice');
    expect([again.code, again.stderr]).toEqual([1, 'firebreak: A-2 is open already: nothing to reopen\n']);
    await as('otto', 'action', 'done', 'A-2', '--note', 'Closed on FS02 as well');
    const auditor = await spawnedAs('kim', 'action', 'done', 'A-3', '--note', 'Done');
    expect(auditor.code).toBe(3);
    expect(auditor.stderr).toMatch(/the auditor role may not call actions.done \(needs action:write\)/);
    const after = await list();
    expect(after.map((a) => [a.id, a.status])).toEqual(before.map((a) => [a.id, a.status]));
    expect(after.find((a) => a.id === 2)).toMatchObject({ note: 'Closed on FS02 as well', version: 4 });
  });
});
