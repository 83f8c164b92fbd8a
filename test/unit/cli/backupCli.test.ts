import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupCheck, BackupCheckRecord, BackupPlan, BackupSummary, RestoreReport, Topics } from '../../../contract';
import { CliError } from '../../../main/cli/CliError';
import { COMMANDS } from '../../../main/cli/commandTable';
import { formatBytes, formatDuration, formatElapsed, formatProgress } from '../../../main/cli/formatBackup';
import { parseCommandLine } from '../../../main/cli/parseCommandLine';
import { ProgressPrinter } from '../../../main/cli/ProgressPrinter';
import { runCliInProcess } from '../../helpers/cli/runCliInProcess';
import { runCli, type CliRun } from './runCli';

/**
 * Real backend, real SQLCipher files, the CLI's main() run in this process per command
 * (runCliInProcess: what the tests' bundle runs, without a Node start each). The backup run, whose
 * progress a process not on a terminal writes as whole lines, and the full check that exits 4 run
 * as spawned processes (the tests' bundle, test/helpers/cli/testCli.ts).
 */
const SLOW = 120_000;
const PASSPHRASE = 'Correct-Horse-42-battery';
const BOB_PASSPHRASE = 'Backup-Operator-pass-31';
const ID_PATTERN = /^nightly-\d{8}T\d{6}Z-[0-9a-f]{6}$/;
/** Someone's offline key (a valid age recipient). */
const RECIPIENT = `age1${'q'.repeat(58)}`;

function usage(argv: string[]): CliError {
  try {
    parseCommandLine(argv, COMMANDS);
  } catch (err) {
    if (err instanceof CliError) return err;
    throw err;
  }
  throw new Error(`no error for ${argv.join(' ')}`);
}

function helpOf(...argv: string[]): string {
  const parsed = parseCommandLine([...argv, '--help'], COMMANDS);
  if (parsed.kind !== 'help') throw new Error('no help');
  return parsed.text;
}

type Progress = Topics['backup.progress'];
const progress = (phase: Progress['phase'], files: number, bytes = files * 1024): Progress => ({
  plan: 'nightly', phase, files, totalFiles: 10, bytes, totalBytes: 10 * 1024, bytesPerSecond: 2048, etaSeconds: 5,
});

describe('backup commands: options, help and progress (no backend)', () => {
  it('needs --source and --target, whole numbers and a known level, before anything runs', () => {
    expect(usage(['backup', 'plan', 'add', 'nightly', '--target', '/mnt/b'])).toMatchObject({ exitCode: 2, message: expect.stringMatching(/needs --source DIR/) as unknown });
    expect(usage(['backup', 'plan', 'add', 'nightly', '--source', '/srv'])).toMatchObject({ exitCode: 2, message: expect.stringMatching(/needs --target DIR/) as unknown });
    const base = ['backup', 'plan', 'add', 'nightly', '--source', '/srv', '--target', '/mnt/b'];
    expect(usage([...base, '--keep-last', 'seven']).message).toBe('--keep-last takes a whole number, not "seven"');
    expect(usage([...base, '--rto', '-5']).exitCode).toBe(2);
    expect(usage([...base, '--full-every', '2.5']).message).toBe('--full-every takes a whole number, not "2.5"');
    expect(usage(['backup', 'verify', 'x', '--level', 'drill']).message).toBe('--level takes quick or full, not "drill"');
    expect(usage(['backup', 'restore', 'x']).message).toMatch(/needs --to DIR/);
    expect(usage(['backup', 'export-identity']).message).toMatch(/needs --out FILE/);
    expect(usage(['backup', 'run']).exitCode).toBe(2);
    expect(usage(['backup', 'prune']).message).toBe('backup prune takes PLAN, got none (see firebreak backup prune --help)');
    expect(usage(['backup', 'plan', 'recipients', 'nightly', '--reason', 'x']).message).toBe('give the new recipients with --recipient (one per key), or --none for none');
    expect(usage(['backup', 'plan', 'recipients', 'nightly', '--none', '--recipient', 'age1x', '--reason', 'x']).exitCode).toBe(2);
    expect(usage(['backup', 'plan', 'approve', 'nightly']).message).toMatch(/needs --note TEXT/);
  });

  it('collects repeated options and takes an optional PLAN', () => {
    const parsed = parseCommandLine(
      ['backup', 'plan', 'add', 'nightly', '--source', 'a', '--source', 'b', '--exclude', '*.tmp', '--target', 't', '--recipient', 'age1x', '--no-database'],
      COMMANDS,
    );
    expect(parsed).toMatchObject({ kind: 'run', args: ['nightly'], values: { source: ['a', 'b'], exclude: ['*.tmp'], recipient: ['age1x'], 'no-database': true } });
    expect(parseCommandLine(['backup', 'list'], COMMANDS)).toMatchObject({ kind: 'run', args: [] });
    expect(parseCommandLine(['backup', 'list', 'nightly', '--json'], COMMANDS)).toMatchObject({ kind: 'run', args: ['nightly'], values: { json: true } });
    expect(usage(['backup', 'list', 'a', 'b']).message).toBe('backup list takes [PLAN], got "a b" (see firebreak backup list --help)');
  });

  it('answers help for backup, backup plan and each command; asks for a subcommand', () => {
    expect(helpOf('backup')).toContain('backup restore ID');
    expect(helpOf('backup')).toContain('backup plan add NAME');
    expect(helpOf('backup', 'plan')).toMatch(/Usage: firebreak backup plan <subcommand>/);
    expect(helpOf('backup', 'plan')).not.toContain('backup run');
    expect(helpOf('backup', 'plan', 'add')).toContain('--source DIR…');
    expect(helpOf('backup', 'plan', 'add')).toContain('[--exclude GLOB]…');
    expect(helpOf('backup', 'list')).toContain('Usage: firebreak backup list [PLAN]');
    expect(helpOf('backup', 'verify')).toContain('[--level quick|full]');
    expect(helpOf()).toContain('backup export-identity');
    expect(usage(['backup']).message).toBe('backup needs a subcommand: plan, prune, run, list, show, verify, drill, restore, export-identity (see firebreak backup --help)');
    expect(usage(['backup', 'plan']).message).toBe('backup plan needs a subcommand: add, list, show, remove, recipients, approve (see firebreak backup plan --help)');
    expect(usage(['backup', 'plan', 'edit']).message).toBe('unknown command "backup plan edit" (see firebreak --help)');
  });

  it('formats sizes, durations and progress lines', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.0 GiB');
    expect(formatDuration(7.4)).toBe('7 s');
    expect(formatDuration(245)).toBe('4:05');
    expect(formatDuration(3723)).toBe('1:02:03');
    // Ages and measured times read as elapsed time, never as a clock (user test: "Backup age: 20:52").
    expect([0.21, 0.04, 7.44, 12.4, 1252, 3900, 3600, 187_200].map(formatElapsed)).toEqual(['0.2 s', '0.04 s', '7.4 s', '12 s', '20 min 52 s', '1 h 5 min', '1 h', '2 d 4 h']);
    expect(formatProgress(progress('archiving', 3))).toBe('nightly: archiving, files 3/10, 3.0 KiB of 10.0 KiB, 2.0 KiB/s, ETA 5 s');
    expect(formatProgress(progress('scanning', 0))).toBe('nightly: scanning sources…');
  });

  it('rewrites one line a few times a second on a terminal', () => {
    let now = 0;
    let out = '';
    const p = new ProgressPrinter<Progress>({ isTTY: true, columns: 200, write: (t) => ((out += t), true) }, formatProgress, () => now);
    p.update(progress('scanning', 0));
    p.update(progress('archiving', 1));
    for (let i = 2; i <= 9; i++) {
      now += 50;
      p.update(progress('archiving', i));
    }
    p.finish();
    const shown = out.split('\r\x1b[K').filter(Boolean);
    // scanning, archiving 1 (new phase), archiving 6 (250 ms later), and the held-back 9 at the end.
    expect(shown.map((s) => /files (\d+)/.exec(s)?.[1] ?? 'scan')).toEqual(['scan', '1', '6', '9']);
    expect(out.endsWith('\n')).toBe(true);
    expect(out.split('\n')).toHaveLength(2);
  });

  it('writes a line per phase and every 2 s elsewhere', () => {
    let now = 0;
    const lines: string[] = [];
    const p = new ProgressPrinter<Progress>({ isTTY: false, write: (t) => (lines.push(t), true) }, formatProgress, () => now);
    p.update(progress('scanning', 0));
    for (let i = 0; i <= 10; i++) {
      now += 500;
      p.update(progress('archiving', i));
    }
    p.update(progress('finishing', 10));
    p.finish();
    expect(lines.every((l) => l.endsWith('\n') && !l.includes('\r'))).toBe(true);
    expect(lines.map((l) => `${/(scanning|archiving|finishing)/.exec(l)?.[1] ?? '?'} ${/files (\d+)/.exec(l)?.[1] ?? ''}`.trim())).toEqual([
      'scanning', 'archiving 0', 'archiving 4', 'archiving 8', 'finishing 10',
    ]);
  });
});

let tmp: string;
let dataDir: string;
let source: string;
let target: string;
let env: Record<string, string>;
let bobPass: string;
let id = '';
let archive = '';

const cli = (...args: string[]) => runCliInProcess(['--data-dir', dataDir, ...args], env);
const asBob = (...args: string[]) => cli(...args, '--user', 'bob', '--passphrase-file', bobPass);
const spawned = (...args: string[]) => runCli(['--data-dir', dataDir, ...args], env);

async function json<T>(...args: string[]): Promise<T> {
  const r = await cli(...args, '--json');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
}

/** A refusal: the exit code, one error line on stderr, nothing on stdout. */
function expectRefused(r: CliRun, code: number, message: RegExp): void {
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^firebreak: [^\n]+\n$/);
  expect(r.stderr).toMatch(message);
  expect(r.code).toBe(code);
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'fb-cli-backup-'));
  dataDir = join(tmp, 'data');
  source = join(tmp, 'share');
  target = join(tmp, 'target');
  env = { FIREBREAK_PASSPHRASE: PASSPHRASE };
  bobPass = join(tmp, 'bob.pass');
  writeFileSync(bobPass, `${BOB_PASSPHRASE}\n`, { mode: 0o600 });
  mkdirSync(join(source, 'reports/2026'), { recursive: true });
  writeFileSync(join(source, 'reports/2026/q3.txt'), 'Quarterly numbers\n');
  writeFileSync(join(source, 'notes.txt'), 'first version\n');
  writeFileSync(join(source, 'scratch.tmp'), 'left out\n');
  writeFileSync(join(source, 'big.bin'), Buffer.alloc(2 * 1024 * 1024 + 5, 9));
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// One vault, one plan, one backup checked, restored, exported and damaged: the tests build on each other.
describe.sequential('firebreak backup against a real vault', () => {
  it('plan add refuses a missing source, a bad name and a target inside a source, adding nothing', { timeout: SLOW }, async () => {
    expect((await cli('init', '--admin', 'alice')).code).toBe(0);
    expect((await cli('user', 'add', 'bob', '--role', 'backup-operator', '--new-passphrase-file', bobPass, '--keep-passphrase')).code).toBe(0);

    expectRefused(await cli('backup', 'plan', 'add', 'nightly', '--source', join(tmp, 'missing'), '--target', target), 2, /source .*missing does not exist/);
    expectRefused(await cli('backup', 'plan', 'add', 'nightly', '--target', target), 2, /backup plan add needs --source DIR/);
    expectRefused(await cli('backup', 'plan', 'add', 'Nightly', '--source', source, '--target', target), 2, /name/);
    expectRefused(await cli('backup', 'plan', 'add', 'nightly', '--source', source, '--target', join(source, 'backups')), 2, /inside source/);
    expectRefused(await cli('backup', 'plan', 'add', 'nightly', '--source', source, '--target', target, '--verify-schedule', 'sundays'), 2, /verification schedule "sundays" is not a cron expression/);
    expectRefused(await cli('backup', 'plan', 'add', 'nightly', '--source', source, '--target', target, '--verify-level', 'deep', '--verify-schedule', '0 6 * * 0'), 2, /--verify-level must be quick or full/);
    expect(await json<BackupPlan[]>('backup', 'plan', 'list')).toEqual([]);
    const empty = await cli('backup', 'plan', 'list');
    expect(empty.stdout).toBe('No backup plans.\n');
  });

  it('plan add resolves relative paths and sets every field; plan list and show', { timeout: SLOW }, async () => {
    // Relative to the working directory, which the CLI resolves them against.
    const add = await cli(
      'backup', 'plan', 'add', 'nightly', '--source', relative(process.cwd(), source), '--target', relative(process.cwd(), target),
      '--exclude', '*.tmp', '--schedule', '30 2 * * *', '--keep-last', '3', '--keep-daily', '7', '--keep-weekly', '4', '--keep-monthly', '6',
      '--rto', '60', '--rpo', '1440', '--full-every', '3', '--verify-schedule', '0 6 * * 0', '--verify-level', 'quick',
    );
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/^Added backup plan nightly\.\n\nPlan: +nightly\n/);
    expect(add.stdout).toMatch(/^Target: +(\S+)$/m);
    expect(/^Target: +(\S+)$/m.exec(add.stdout)?.[1]).toBe(join(target, 'nightly'));
    expect(add.stdout).toMatch(/^Schedule: +at 02:30 every day \(30 2 \* \* \*\)$/m);
    expect(add.stdout).toMatch(/^Retention: +keep last 3, daily 7, weekly 4, monthly 6$/m);
    expect(add.stdout).toMatch(/^RTO: +1 h\nRPO: +1 d$/m);
    expect(add.stdout).toMatch(/^Verification: +quick, at 06:00 on Sun \(0 6 \* \* 0\)$/m);

    const plan = await json<BackupPlan>('backup', 'plan', 'show', 'nightly');
    expect(plan).toMatchObject({
      name: 'nightly', sources: [source], target, exclude: ['*.tmp'], schedule: '30 2 * * *', scheduleText: 'at 02:30 every day',
      retention: { keepLast: 3, keepDaily: 7, keepWeekly: 4, keepMonthly: 6 }, rtoMinutes: 60, rpoMinutes: 1440, fullEvery: 3,
      verifySchedule: '0 6 * * 0', verifyLevel: 'quick',
      includeDatabase: true, recipients: [], createdBy: 'alice',
    });
    expect(await json<BackupPlan[]>('backup', 'plan', 'list')).toEqual([plan]);

    const list = await cli('backup', 'plan', 'list');
    expect(list.stdout).toMatch(/^NAME +SCHEDULE +TARGET +SOURCES\n/);
    expect(list.stdout).toContain(`nightly  at 02:30 every day  ${join(target, 'nightly')}  ${source}, (Firebreak database)`);

    expectRefused(await cli('backup', 'plan', 'add', 'nightly', '--source', source, '--target', target), 1, /already exists/);
    expectRefused(await cli('backup', 'plan', 'show', 'weekly'), 1, /no backup plan "weekly"/);
  });

  it("recipients and the database are an administrator's decision: bob is refused (exit 3, naming the permission), alice's change is shown with who decided", { timeout: SLOW }, async () => {
    expectRefused(await asBob('backup', 'plan', 'add', 'bobs', '--source', source, '--target', target), 3, /may not put Firebreak's database in a backup plan .*\(needs backup:include-database\): leave it out \(untick the database, or --no-database/);
    expectRefused(await asBob('backup', 'plan', 'recipients', 'nightly', '--recipient', RECIPIENT, '--reason', 'mine'), 3, /needs backup:recipients/);
    expectRefused(await cli('backup', 'plan', 'recipients', 'nightly', '--none', '--reason', 'none yet'), 1, /already has exactly these recipients: nothing was changed/);
    const set = await cli('backup', 'plan', 'recipients', 'nightly', '--recipient', RECIPIENT, '--reason', 'the key in the safe');
    expect(set.code).toBe(0);
    expect(set.stdout).toMatch(new RegExp(`^Recipients: +the vault's backup identity, ${RECIPIENT}, decided by alice at \\S+$`, 'm'));
    expect(set.stdout).toMatch(/^Database: +included \(encrypted snapshot and vault\.json\), decided by alice at \S+$/m);
    expectRefused(await cli('backup', 'plan', 'approve', 'nightly', '--note', 'fine'), 1, /is not waiting for a review: nothing was changed/);
    expect((await cli('backup', 'plan', 'recipients', 'nightly', '--none', '--reason', 'the safe key is retired')).code).toBe(0);
  });

  it('run prints progress on stderr and the id as the last line of stdout; the archive is in the target', { timeout: SLOW }, async () => {
    const r = await spawned('backup', 'run', 'nightly', '--user', 'bob', '--passphrase-file', bobPass);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    id = lines[lines.length - 1] ?? '';
    expect(id).toMatch(ID_PATTERN);
    archive = join(target, 'nightly', `${id}.tar.age`);
    expect(statSync(archive).size).toBeGreaterThan(2 * 1024 * 1024);
    expect(statSync(join(target, 'nightly', `${id}.manifest.age`)).isFile()).toBe(true);
    // Not a terminal: whole lines, one per phase at least, never a carriage return.
    expect(r.stderr).not.toContain('\r');
    expect(r.stderr).toMatch(/^nightly: scanning sources…\n/);
    expect(r.stderr).toMatch(/^nightly: archiving, files \d+\/\d+, .+ of .+, .+\/s, ETA .+$/m);
    expect(r.stderr).toMatch(/^nightly: finishing \(writing the manifest\), files (\d+)\/\1, /m);
    expect(r.stderr).toMatch(new RegExp(`^Backup ${id} \\(full\\): \\d+ files, .+, in .+\\.\\n$`, 'm'));
  });

  it('list shows the backup (table and --json), also by plan', { timeout: SLOW }, async () => {
    const [backup, ...others] = await json<BackupSummary[]>('backup', 'list');
    expect(others).toEqual([]);
    // notes.txt, q3.txt, big.bin, and the database snapshot and vault.json; scratch.tmp is excluded.
    expect(backup).toMatchObject({ id, plan: 'nightly', kind: 'full', parent: null, files: 5, lastCheck: null, latestChecks: { quick: null, full: null, drill: null }, archiveFile: `${id}.tar.age` });
    expect(await json<BackupSummary[]>('backup', 'list', 'nightly')).toEqual([backup]);

    const table = await cli('backup', 'list');
    const [header, row] = table.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID +PLAN +KIND +FINISHED +FILES +SIZE +STORED +QUICK CHECK +FULL CHECK +DRILL$/);
    expect(row).toMatch(new RegExp(`^${id} +nightly +full +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d +5 +2\\.\\d MiB +2\\.\\d MiB +- +- +-$`));
    expect((await cli('backup', 'list', 'weekly')).stdout).toBe('No backups of plan weekly.\n');
  });

  it('verify quick and full pass (exit 0); the last check shows in the list', { timeout: SLOW }, async () => {
    const quick = await cli('backup', 'verify', id);
    expect(quick.stderr).toBe('');
    expect(quick.code).toBe(0);
    expect(quick.stdout).toBe(`Backup ${id}: quick check OK (manifests decrypt, archives present with their recorded sizes).\n`);

    const full = await asBob('backup', 'verify', id, '--level', 'full');
    expect(full.stderr).toBe('');
    expect(full.code).toBe(0);
    expect(full.stdout).toMatch(new RegExp(`^Backup ${id}: full check OK, \\d+ files \\(2\\.\\d MiB\\) decrypted and re-hashed\\.\\n$`));

    const check = await json<BackupCheck>('backup', 'verify', id, '--level', 'full');
    expect(check).toMatchObject({ backupId: id, level: 'full', ok: true, problems: [] });
    // Quick and full each in their own column.
    expect((await cli('backup', 'list')).stdout).toMatch(/ ok \d{4}-\d\d-\d\dT\d\d:\d\d +ok \d{4}-\d\d-\d\dT\d\d:\d\d +-\n$/);
    expectRefused(await cli('backup', 'verify', 'nightly-20000101T000000Z-000000'), 1, /no backup nightly-20000101T000000Z-000000/);
  });

  it('drill restores to a scratch directory and prints the time against the RTO and the age against the RPO', { timeout: SLOW }, async () => {
    const r = await cli('backup', 'drill', id);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Drill: +${id} at .+: passed\\n`));
    expect(r.stdout).toMatch(/^Restored: +\d+ files, 2\.\d MiB, each checked against the manifest$/m);
    expect(r.stdout).toMatch(/^Restore time: +\d+(?:\.\d+)? s \(RTO 1 h: met\)$/m);
    expect(r.stdout).toMatch(/^Backup age: +(?:\d+(?:\.\d+)? s|\d+ min(?: \d+ s)?) \(RPO 1 d: met\)$/m);
    const check = (await json<BackupSummary[]>('backup', 'list'))[0]?.lastCheck;
    expect(check).toMatchObject({ level: 'drill', ok: true, rtoSeconds: 3600 });
    expect(check?.restoreSeconds).toBeGreaterThan(0);
  });

  it('a full check after the drill leaves the drill and its RTO verdict shown: list, show and --json', { timeout: SLOW }, async () => {
    expect((await cli('backup', 'verify', id, '--level', 'full')).code).toBe(0);
    const [backup] = await json<BackupSummary[]>('backup', 'list');
    expect(backup?.lastCheck?.level).toBe('full');
    expect(backup?.latestChecks.drill).toMatchObject({ level: 'drill', ok: true, rtoSeconds: 3600 });
    expect(backup?.latestChecks.full).toMatchObject({ level: 'full', ok: true });
    expect((await cli('backup', 'list')).stdout).toMatch(/ ok \S+ +ok \S+ +ok \S+\n$/);

    const show = await asBob('backup', 'show', id);
    expect(show.stderr).toBe('');
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(new RegExp(`^Backup: +${id}\nPlan: +nightly\nKind: +full\n`));
    expect(show.stdout).toMatch(/^ {2}Quick check: +ok \S+: manifests decrypt, archives present at their recorded sizes$/m);
    expect(show.stdout).toMatch(/^ {2}Full check: +ok \S+: \d+ files \(2\.\d MiB\) decrypted and re-hashed$/m);
    expect(show.stdout).toMatch(/^ {2}Drill: +passed \S+: restore \d+\.\d s \(RTO 1 h: met\); backup [^()]+ old \(RPO 1 d: met\)$/m);
    // Quick and full (verify test), drill, full again: every one of them, newest first.
    expect(show.stdout).toMatch(/^Checks, newest first:\n {2}AT +KIND +RESULT +DETAIL\n {2}\S+ +full +ok .+\n {2}\S+ +drill +ok .+\n {2}\S+ +full +ok .+\n {2}\S+ +full +ok .+\n {2}\S+ +quick +ok .+\n$/m);

    const limited = await cli('backup', 'show', id, '--checks', '2');
    expect(limited.stdout).toMatch(/^Checks, newest first \(the 2 newest; --checks N for more\):\n {2}AT.+\n {2}\S+ +full .+\n {2}\S+ +drill .+\n$/m);
    const asJson = await json<{ backup: BackupSummary; checks: BackupCheckRecord[] }>('backup', 'show', id);
    expect(asJson.backup.latestChecks.drill).toEqual(backup?.latestChecks.drill);
    expect(asJson.checks.map((c) => c.level)).toEqual(['full', 'drill', 'full', 'full', 'quick']);

    expectRefused(await cli('backup', 'show', 'nightly-20000101T000000Z-000000'), 1, /no backup nightly-20000101T000000Z-000000/);
    for (const bad of ['0', 'ten', '1001']) expectRefused(await cli('backup', 'show', id, '--checks', bad), 2, /--checks takes a whole number from 1 to 1000/);
  });

  it('restore --to DIR restores the files; an existing file is refused without --overwrite', { timeout: SLOW }, async () => {
    const to = join(tmp, 'restored');
    // The backup holds the database: bob restores other paths only (exit 3, nothing written).
    expectRefused(await asBob('backup', 'restore', id, '--to', to), 3, /may not restore Firebreak's database out of backup .*\(needs backup:restore-database\): restore only other paths of it \(name one: --path in the CLI/);
    expect(existsSync(to)).toBe(false);
    const r = await cli('backup', 'restore', id, '--to', relative(process.cwd(), to));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Restored \\d+ entries \\(\\d+ files, \\d+ directories; 2\\.\\d MiB\\) from ${id} to ${to.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.\\n$`));
    expect(readFileSync(join(to, 'share/reports/2026/q3.txt'), 'utf8')).toBe('Quarterly numbers\n');
    expect(readFileSync(join(to, 'share/big.bin')).equals(readFileSync(join(source, 'big.bin')))).toBe(true);
    expect(statSync(join(to, 'firebreak-data/firebreak.db')).size).toBeGreaterThan(0);

    writeFileSync(join(to, 'share/notes.txt'), 'changed since\n');
    expectRefused(await cli('backup', 'restore', id, '--to', to), 1, /: already exists/);
    expectRefused(await cli('backup', 'restore', id, '--to', to, '--path', 'share/notes.txt'), 1, /share\/notes\.txt: already exists/);
    expect(readFileSync(join(to, 'share/notes.txt'), 'utf8')).toBe('changed since\n');

    const one = join(tmp, 'one');
    const report = await json<RestoreReport>('backup', 'restore', id, '--to', one, '--path', 'share/notes.txt');
    expect(report).toMatchObject({ backupId: id, to: one, path: 'share/notes.txt', entries: 1, files: 1, directories: 0, symlinks: 0, firstPaths: ['share/notes.txt'], bytes: 14 });
    expect(report).not.toHaveProperty('restored');

    const again = await cli('backup', 'restore', id, '--to', to, '--path', 'share/notes.txt', '--overwrite');
    expect(again.code).toBe(0);
    expect(readFileSync(join(to, 'share/notes.txt'), 'utf8')).toBe('first version\n');
  });

  it('export-identity writes an age identity file (0600) that `age -d` decrypts the archive with', { timeout: SLOW }, async () => {
    expectRefused(await asBob('backup', 'export-identity', '--out', join(tmp, 'bob-identity.txt')), 3, /backup:export-identity/);

    const file = join(tmp, 'identity.txt');
    const r = await cli('backup', 'export-identity', '--out', file);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/AGE-SECRET-KEY/i);
    expect(r.stdout).toMatch(/^Backup identity written to .+ \(mode 0600\)\.\nPublic key \(recipient\): age1[0-9a-z]{58}\n/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# created: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n# public key: age1[0-9a-z]{58}\nAGE-SECRET-KEY-1[0-9A-Z]{58}\n$/);
    expect(text).toContain(/age1[0-9a-z]{58}/.exec(r.stdout)?.[0] ?? 'no recipient');

    const age = spawnSync('/usr/bin/age', ['-d', '-i', file, archive], { maxBuffer: 64 * 1024 * 1024 });
    expect(age.stderr.toString()).toBe('');
    expect(age.status).toBe(0);
    const tar = spawnSync('/usr/bin/tar', ['-t'], { input: age.stdout });
    expect(tar.status).toBe(0);
    const names = tar.stdout.toString().split('\n').map((n) => n.replace(/\/$/, '')).filter(Boolean).sort();
    expect(names).toEqual([
      'firebreak-data', 'firebreak-data/firebreak.db', 'firebreak-data/vault.json',
      'share', 'share/big.bin', 'share/notes.txt', 'share/reports', 'share/reports/2026', 'share/reports/2026/q3.txt',
    ]);

    const again = await cli('backup', 'export-identity', '--out', file);
    expectRefused(again, 1, /identity\.txt already exists/);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('a corrupted byte in the archive: quick still passes (size), full exits 4 naming the problem', { timeout: SLOW }, async () => {
    const bytes = readFileSync(archive);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    writeFileSync(archive, bytes);

    expect((await cli('backup', 'verify', id)).code).toBe(0);
    const full = await spawned('backup', 'verify', id, '--level', 'full');
    expect(full.stdout).toBe('');
    expect(full.code).toBe(4);
    const [head, ...problems] = full.stderr.trimEnd().split('\n');
    expect(head).toBe(`firebreak: backup ${id} failed the full check: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toContain(`${id}.tar.age`);

    const asJson = await cli('backup', 'verify', id, '--level', 'full', '--json');
    expect(asJson.code).toBe(4);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ backupId: id, level: 'full', ok: false, problems: expect.arrayContaining([expect.stringContaining(`${id}.tar.age`)]) as unknown });
    expect((await cli('backup', 'list')).stdout).toMatch(/ FAILED \d{4}-\d\d-\d\dT\d\d:\d\d +ok \S+\n$/);

    const drill = await cli('backup', 'drill', id);
    expect(drill.code).toBe(4);
    expect(drill.stdout).toMatch(/: FAILED\nRestored: +nothing: the restore failed \(see the problems\)\nRestore time: +\d+(?:\.\d+)? s \(the restore failed\)\n/);
    expect(drill.stderr).toMatch(new RegExp(`^firebreak: backup ${id} failed the restore drill: \\d+ problems?\\n`));
  });

  it('plan remove removes the plan; its backups stay listed', { timeout: SLOW }, async () => {
    const r = await cli('backup', 'plan', 'remove', 'nightly');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Removed backup plan nightly; its backups were left on disk.\n');
    expect(await json<BackupPlan[]>('backup', 'plan', 'list')).toEqual([]);
    expect((await json<BackupSummary[]>('backup', 'list')).map((b) => b.id)).toEqual([id]);
    expect(statSync(archive).isFile()).toBe(true);
    expectRefused(await cli('backup', 'plan', 'remove', 'nightly'), 1, /no backup plan "nightly"/);
  });
  it('prune --dry-run lists what would go and why the rest stays; prune deletes it', { timeout: SLOW }, async () => {
    expect((await cli('backup', 'plan', 'add', 'pruned', '--source', source, '--target', join(tmp, 'prune-target'), '--keep-last', '1', '--no-database')).code).toBe(0);
    const first = (await cli('backup', 'run', 'pruned')).stdout.trim().split('\n').at(-1) ?? '';
    const second = (await cli('backup', 'run', 'pruned')).stdout.trim().split('\n').at(-1) ?? '';
    const dry = await cli('backup', 'prune', 'pruned', '--dry-run');
    expect(dry.code).toBe(0);
    // The second is an incremental of the first: keeping it keeps the first as well.
    expect(dry.stdout).toContain(`keep          ${second}  (last 1)`);
    expect(dry.stdout).toContain(`keep          ${first}  (needed by ${second})`);
    expect(dry.stdout.split('\n')[0]).toBe('Would delete 0 backup(s) of pruned; keeping 2.');
    const noRules = await cli('backup', 'plan', 'add', 'forever', '--source', source, '--target', join(tmp, 'forever-target'), '--no-database');
    expect(noRules.code).toBe(0);
    expectRefused(await cli('backup', 'prune', 'forever'), 2, /no retention rules/);
  });
});
