import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEvent, User } from '../../../contract';
import { createBackend } from '../../../main/api';
import { signedIn } from '../../helpers/client';
import { runCliInProcess } from '../../helpers/cli/runCliInProcess';
import { TEST_LOG_N } from '../../helpers/testLogN';
import { runCli, type CliRun } from './runCli';

/**
 * `firebreak user list|disable|enable|reset-passphrase|change-passphrase` against one real vault,
 * run in this process (runCliInProcess: the CLI's main() without a Node start per command); the
 * first refusal is a spawned process, whose exit code is the process's own.
 */
const SLOW = 90_000;
const ALICE = 'Correct-Horse-42-battery';
const GIVEN = 'Handed over 7 times!';
const BOBS_OWN = 'Only mine 99 lanterns now';
const GIVEN_AGAIN = 'A second handover 8x';

let tmp: string;
let dataDir: string;
const file = (name: string, text: string) => {
  const path = join(tmp, name);
  writeFileSync(path, `${text}\n`, { mode: 0o600 });
  return path;
};
const cli = (...args: string[]) => runCliInProcess(['--data-dir', dataDir, ...args], { FIREBREAK_PASSPHRASE: ALICE });
const asBob = (passphrase: string, ...args: string[]) => runCliInProcess(['--data-dir', dataDir, '--user', 'bob', '--passphrase-file', file('bob-signin.pass', passphrase), ...args]);
const users = async (): Promise<User[]> => JSON.parse((await cli('user', 'list', '--json')).stdout) as User[];
const bob = async () => (await users()).find((u) => u.name === 'bob');
const vaultJson = () => JSON.parse(readFileSync(join(dataDir, 'vault.json'), 'utf8')) as { admin: string; slots: { kind: string; user: string | null }[]; disabled?: string[] };
const slotUsers = () => vaultJson().slots.filter((s) => s.kind === 'passphrase').map((s) => s.user).sort();

function expectExit(run: CliRun, code: number, stderr: RegExp): void {
  expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code, stderr: expect.stringMatching(stderr) as string });
  expect(run.stderr).toMatch(/^firebreak: [^\n]+\n$/);
  expect(run.stdout).toBe('');
}

/** The log, read back through the router as alice (what `firebreak` itself recorded). */
async function eventsOf(type: string): Promise<TimelineEvent[]> {
  const backend = await createBackend({ dataDir, testOnlyKdfLogN: TEST_LOG_N });
  try {
    const alice = await signedIn(backend, 'alice', ALICE);
    expect(await alice.call('log.verify', {})).toMatchObject({ ok: true });
    return (await alice.call('audit.list', { type, limit: 50 })).rows;
  } finally {
    backend.close();
  }
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'fb-cli-users-'));
  dataDir = join(tmp, 'data');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// One vault; bob is added, made to change his passphrase, disabled, enabled and reset in turn.
describe.sequential('firebreak user …', () => {
  it('user add requires the change at first sign-in: every other command exits 3 naming the fix', { timeout: SLOW }, async () => {
    expect((await cli('init', '--admin', 'alice')).code).toBe(0);
    const add = await cli('user', 'add', 'bob', '--role', 'responder', '--new-passphrase-file', file('given.pass', GIVEN));
    expect(add.code).toBe(0);
    expect(add.stdout).toBe('Added user bob (responder); they must choose their own passphrase at the first sign-in.\n');

    // Spawned: the exit code is the process's.
    const blocked = await runCli(['--data-dir', dataDir, '--user', 'bob', '--passphrase-file', file('bob-signin.pass', GIVEN), 'incident', 'list']);
    expectExit(blocked, 3, /^firebreak: bob must choose a new passphrase first \(an administrator set the current one\): run `firebreak user change-passphrase --user bob`/);

    const same = await asBob(GIVEN, 'user', 'change-passphrase', '--new-passphrase-file', file('same.pass', GIVEN));
    expectExit(same, 2, /the new passphrase must differ from the current one/);
    const changed = await asBob(GIVEN, 'user', 'change-passphrase', '--new-passphrase-file', file('own.pass', BOBS_OWN));
    expect(changed.stderr).toBe('');
    expect(changed.code).toBe(0);
    expect(changed.stdout).toBe('Changed the passphrase of bob.\n');
    expect((await asBob(BOBS_OWN, 'incident', 'list')).stdout).toBe('No incidents.\n');
    expectExit(await asBob(GIVEN, 'incident', 'list'), 3, /wrong user name or passphrase/);
    expect((await eventsOf('user.passphrase_changed')).map((e) => e.data)).toEqual([{ user: 'bob', required: true }]);
  });

  it('user add --keep-passphrase: the passphrase is the user\'s own from the start', { timeout: SLOW }, async () => {
    const add = await cli('user', 'add', 'bot', '--role', 'backup-operator', '--new-passphrase-file', file('bot.pass', GIVEN), '--keep-passphrase', '--json');
    expect(add.code).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ name: 'bot', mustChangePassphrase: false });
    const list = await runCliInProcess(['--data-dir', dataDir, '--user', 'bot', '--passphrase-file', file('bot.pass', GIVEN), 'backup', 'plan', 'list']);
    expect(list.code).toBe(0);
  });

  it('user list shows every user with role, two-factor and status; --json the records', { timeout: SLOW }, async () => {
    const run = await cli('user', 'list');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+ROLE\s+MFA\s+CREATED\s+STATUS$/);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/))).toEqual([
      ['alice', 'admin', 'no', expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/) as string, 'active'],
      ['bob', 'responder', 'no', expect.any(String) as string, 'active'],
      ['bot', 'backup-operator', 'no', expect.any(String) as string, 'active'],
    ]);
    expect((await users()).map((u) => [u.name, u.status, u.mustChangePassphrase])).toEqual([['alice', 'active', false], ['bob', 'active', false], ['bot', 'active', false]]);
    expectExit(await asBob(BOBS_OWN, 'user', 'list'), 3, /the responder role may not call users\.list \(needs user:manage\)/);
  });

  it('user disable: bob is refused from then on, his slot is gone, the log says who and why', { timeout: SLOW }, async () => {
    expect(slotUsers()).toEqual(['alice', 'bob', 'bot']);
    const run = await cli('user', 'disable', 'bob', '--reason', 'left the company');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('Disabled bob (responder): their sessions ended and their passphrase no longer opens the vault.\n');
    expect(slotUsers()).toEqual(['alice', 'bot']);
    expect(vaultJson().disabled).toEqual(['bob']);
    expect(await bob()).toMatchObject({ status: 'disabled', disabledBy: 'alice' });
    expect((await cli('user', 'list')).stdout).toMatch(/^bob\s+responder\s+no\s+\S+\s+disabled since \S+ by alice$/m);

    expectExit(await asBob(BOBS_OWN, 'incident', 'list'), 3, /^firebreak: the account bob is disabled: an administrator disabled it, and only an administrator can enable it again\n$/);
    expect((await eventsOf('user.disabled')).map((e) => [e.actor, e.data])).toEqual([['alice', { name: 'bob', role: 'responder', reason: 'left the company', piiRevoked: true, piiKeyRotated: true }]]);
  });

  it('user disable refusals exit 1 (or 2, 3) and change nothing', { timeout: SLOW }, async () => {
    const vaultBefore = readFileSync(join(dataDir, 'vault.json'), 'utf8');
    const before = await users();
    expectExit(await cli('user', 'disable', 'bob'), 1, /bob is already disabled \(since \S+, by alice\)/);
    expectExit(await cli('user', 'disable', 'alice'), 1, /alice is the last administrator; make another user admin first/);
    expectExit(await cli('user', 'disable', 'nobody'), 1, /no user named nobody/);
    expectExit(await cli('user', 'disable'), 2, /user disable takes NAME/);
    expectExit(await runCliInProcess(['--data-dir', dataDir, '--user', 'bot', '--passphrase-file', file('bot.pass', GIVEN), 'user', 'disable', 'alice']), 3, /needs user:manage/);
    expect(readFileSync(join(dataDir, 'vault.json'), 'utf8')).toBe(vaultBefore);
    expect(await users()).toEqual(before);
  });

  it('user enable sets a passphrase bob must change; refusals exit 1 or 2 and change nothing', { timeout: SLOW }, async () => {
    const before = await users();
    expectExit(await cli('user', 'enable', 'alice', '--new-passphrase-file', file('x.pass', GIVEN)), 1, /alice is not disabled; to give them a new passphrase, reset it instead/);
    expectExit(await cli('user', 'enable', 'bob', '--new-passphrase-file', file('weak.pass', 'short')), 2, /newPassphrase/);
    expectExit(await cli('user', 'enable', 'bob'), 2, /no passphrase: use --new-passphrase-file FILE/);
    expect(await users()).toEqual(before);

    const run = await cli('user', 'enable', 'bob', '--new-passphrase-file', file('given.pass', GIVEN));
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('Enabled bob (responder); they must choose their own passphrase at the next sign-in.\n');
    expect(slotUsers()).toEqual(['alice', 'bob', 'bot']);
    expect(await bob()).toMatchObject({ status: 'active', mustChangePassphrase: true });
    expect((await cli('user', 'list')).stdout).toMatch(/^bob\s+responder\s+no\s+\S+\s+must change passphrase$/m);
    expectExit(await asBob(BOBS_OWN, 'incident', 'list'), 3, /wrong user name or passphrase/);
    expectExit(await asBob(GIVEN, 'incident', 'list'), 3, /bob must choose a new passphrase first/);
    expect((await asBob(GIVEN, 'user', 'change-passphrase', '--new-passphrase-file', file('own.pass', BOBS_OWN))).code).toBe(0);
    expect((await asBob(BOBS_OWN, 'incident', 'list')).code).toBe(0);
  });

  it('user reset-passphrase replaces bob\'s slot and requires a change; yourself exits 1', { timeout: SLOW }, async () => {
    const vaultBefore = readFileSync(join(dataDir, 'vault.json'), 'utf8');
    expectExit(await cli('user', 'reset-passphrase', 'alice', '--new-passphrase-file', file('x.pass', GIVEN_AGAIN)), 1, /change your own passphrase under My account/);
    expectExit(await cli('user', 'reset-passphrase', 'ghost', '--new-passphrase-file', file('x.pass', GIVEN_AGAIN)), 1, /no user named ghost/);
    expect(readFileSync(join(dataDir, 'vault.json'), 'utf8')).toBe(vaultBefore);

    const run = await cli('user', 'reset-passphrase', 'bob', '--new-passphrase-file', file('again.pass', GIVEN_AGAIN), '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ name: 'bob', status: 'active', mustChangePassphrase: true });
    expectExit(await asBob(BOBS_OWN, 'incident', 'list'), 3, /wrong user name or passphrase/);
    expectExit(await asBob(GIVEN_AGAIN, 'incident', 'list'), 3, /bob must choose a new passphrase first/);
    expect((await eventsOf('user.passphrase_reset')).map((e) => [e.actor, e.data])).toEqual([['alice', { name: 'bob', mfaRemoved: false }]]);
    // Nothing to remove: refused, changing nothing (the removal itself: test/unit/auth/sealedTotp.test.ts).
    expectExit(await cli('user', 'reset-mfa', 'bob'), 1, /^firebreak: bob has no two-factor enrolment: nothing was changed$/m);
  });
});
