import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupSummary } from '../../../contract';
import { expectFailure, type TestClient } from '../../helpers/client';
import { makeTempDataDir, removeTempDataDir } from '../../helpers/tempDataDir';
import { createTestVault, type TestVault } from '../../helpers/testVault';

let v: TestVault;
let operator: TestClient;
let work: string;
let source: string;
let target: string;

/** A tree with nested dirs, empty files, a large file, unicode names, modes, mtimes and a link. */
function makeTree(root: string): void {
  mkdirSync(join(root, 'a/b/c'), { recursive: true });
  mkdirSync(join(root, 'empty-dir'));
  writeFileSync(join(root, 'a/b/c/deep.txt'), 'deep\n');
  writeFileSync(join(root, 'empty.txt'), '');
  writeFileSync(join(root, 'naïve — résumé 日本.txt'), 'unicode name\n');
  writeFileSync(join(root, 'big.bin'), Buffer.alloc(3 * 1024 * 1024 + 17, 7));
  writeFileSync(join(root, 'script.sh'), '#!/bin/sh\necho hi\n');
  chmodSync(join(root, 'script.sh'), 0o755);
  writeFileSync(join(root, 'secret.txt'), 'private\n');
  chmodSync(join(root, 'secret.txt'), 0o600);
  writeFileSync(join(root, 'skip.tmp'), 'excluded\n');
  symlinkSync('a/b/c/deep.txt', join(root, 'link-to-deep'));
  utimesSync(join(root, 'a/b/c/deep.txt'), new Date('2025-01-02T03:04:05Z'), new Date('2025-01-02T03:04:05Z'));
}

/** path → [type, mode, size, content hash or link, mtime s] for every entry below root. */
function describeTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name);
      const r = rel ? `${rel}/${name}` : name;
      const lst = lstatSync(abs);
      if (lst.isSymbolicLink()) out[r] = `link ${readlinkSync(abs)}`;
      else if (lst.isDirectory()) {
        out[r] = `dir ${(lst.mode & 0o777).toString(8)}`;
        walk(abs, r);
      } else out[r] = `file ${(lst.mode & 0o777).toString(8)} ${lst.size} ${readFileSync(abs).toString('base64').slice(0, 40)} ${Math.floor(lst.mtimeMs / 1000)}`;
    }
  };
  walk(root, '');
  return out;
}

beforeAll(async () => {
  v = await createTestVault();
  operator = await v.addUser('bob', 'backup-operator');
  work = makeTempDataDir('backup-work');
  source = join(work, 'share');
  target = join(work, 'target');
  mkdirSync(source);
  makeTree(source);
});
afterAll(() => {
  v.dispose();
  removeTempDataDir(work);
});

describe('plans', () => {
  it('refuses a plan with a missing source, a relative target, a target inside a source, or a bad schedule; nothing is added', async () => {
    const bad = [
      { sources: [join(work, 'missing')], target },
      { sources: [source], target: 'relative/dir' },
      { sources: [source], target: join(source, 'backups') },
      { sources: [source], target, schedule: 'every night' },
    ].map((b) => ({ ...b, includeDatabase: false }));
    for (const b of bad) expectFailure(await operator.attempt('backups.plans.add', { name: 'bad', ...b }), 'VALIDATION');
    expect(await operator.call('backups.plans.list', {})).toEqual([]);
  });

  // With the database in it, the plan is an administrator's decision (backupPermissions.test.ts): the operator runs it.
  it('adds a plan with its schedule in words', async () => {
    const plan = await v.admin.call('backups.plans.add', { name: 'nightly', sources: [source], target, exclude: ['*.tmp'], schedule: '30 2 * * *', fullEvery: 3, rtoMinutes: 30, rpoMinutes: 1440 });
    expect(plan).toMatchObject({ name: 'nightly', scheduleText: 'at 02:30 every day', includeDatabase: true, createdBy: 'admin' });
    expectFailure(await operator.attempt('backups.plans.add', { name: 'nightly', sources: [source], target, includeDatabase: false }), 'ALREADY_EXISTS');
  });
});

describe('a backup run', () => {
  let first: BackupSummary;

  it('writes <id>.tar.age and <id>.manifest.age, lists the backup, and leaves no temporary file', async () => {
    first = await operator.call('backups.run', { name: 'nightly' });
    expect(first).toMatchObject({ plan: 'nightly', kind: 'full', parent: null });
    expect(first.files).toBeGreaterThanOrEqual(8);
    const files = readdirSync(join(target, 'nightly')).sort();
    expect(files).toEqual([first.archiveFile, first.manifestFile].sort());
    expect(first.archiveFile).toMatch(/\.tar\.age$/);
    expect(readFileSync(join(target, 'nightly', first.archiveFile)).subarray(0, 21).toString()).toBe('age-encryption.org/v1');
    expect((await operator.call('backups.list', {})).map((b) => b.id)).toEqual([first.id]);
    const events = await v.admin.call('audit.list', { type: 'backup.completed', limit: 1 });
    expect(events.rows[0]?.data).toMatchObject({ id: first.id, kind: 'full' });
  });

  it('verifies quick and full', async () => {
    expect(await operator.call('backups.verify', { id: first.id, level: 'quick' })).toMatchObject({ ok: true, problems: [] });
    const full = await operator.call('backups.verify', { id: first.id, level: 'full' });
    expect(full).toMatchObject({ ok: true, problems: [] });
    expect(full.files).toBe(first.files);
  });

  it('restores to a new directory identical to the source (content, modes, mtimes, links), excluded files left out', async () => {
    const to = join(work, 'restore-1');
    const report = await v.admin.call('backups.restore', { id: first.id, to });
    expect(report).toMatchObject({ backupId: first.id, to, path: null, files: first.files, symlinks: 1 });
    expect(report.entries).toBe(report.files + report.directories + report.symlinks);
    expect(report.directories).toBeGreaterThanOrEqual(5);
    expect(report.firstPaths.length).toBe(report.entries);
    const expected = describeTree(source);
    delete expected['skip.tmp'];
    expect(describeTree(join(to, 'share'))).toEqual(expected);
    expect(existsSync(join(to, 'firebreak-data/firebreak.db'))).toBe(true);
  });

  it('decrypts with the age CLI and the exported identity, and extracts with GNU tar', async () => {
    const { identity } = await v.admin.call('backups.exportIdentity', {});
    const key = join(work, 'identity.txt');
    writeFileSync(key, `${identity}\n`, { mode: 0o600 });
    const out = join(work, 'with-age');
    mkdirSync(out);
    execFileSync('sh', ['-c', `age -d -i "${key}" "${join(target, 'nightly', first.archiveFile)}" | tar -x -C "${out}"`]);
    expect(readFileSync(join(out, 'share/a/b/c/deep.txt'), 'utf8')).toBe('deep\n');
    expect(statSync(join(out, 'share/big.bin')).size).toBe(3 * 1024 * 1024 + 17);
    const exported = await v.admin.call('audit.list', { type: 'backup.identity_exported', limit: 1 });
    expect(JSON.stringify(exported.rows)).not.toContain(identity);
  });

  it('the next run is incremental: only what changed is stored, and its restore pulls the rest from the chain', async () => {
    writeFileSync(join(source, 'changed.txt'), 'new file\n');
    // A new time to the millisecond on unchanged bytes (stored in the first archive, whose tar
    // header has the old time in whole seconds) and on a directory: the manifest's time wins.
    const touched = new Date('2025-06-07T08:09:10.123Z');
    utimesSync(join(source, 'script.sh'), touched, touched);
    utimesSync(join(source, 'a/b'), touched, touched);
    const second = await operator.call('backups.run', { name: 'nightly' });
    expect(second).toMatchObject({ kind: 'incremental', parent: first.id });
    // changed.txt and the database snapshot (always new), nothing else.
    expect(second.storedFiles).toBe(3);
    expect(await operator.call('backups.verify', { id: second.id, level: 'full' })).toMatchObject({ ok: true });
    const to = join(work, 'restore-2');
    await v.admin.call('backups.restore', { id: second.id, to });
    // Not the header's whole second. (Times cross the syscalls as float seconds and the manifest
    // keeps whole milliseconds: within a millisecond or two, not to the nanosecond.)
    expect(Math.abs(lstatSync(join(to, 'share/script.sh')).mtimeMs - touched.getTime())).toBeLessThan(2);
    expect(Math.abs(lstatSync(join(to, 'share/a/b')).mtimeMs - touched.getTime())).toBeLessThan(2);
    const expected = describeTree(source);
    delete expected['skip.tmp'];
    expect(describeTree(join(to, 'share'))).toEqual(expected);
  });

  it('restores a single file, and never overwrites unless asked', async () => {
    const to = join(work, 'restore-3');
    const one = await operator.call('backups.restore', { id: first.id, to, path: 'share/a/b/c/deep.txt' });
    expect(one).toMatchObject({ path: 'share/a/b/c/deep.txt', entries: 1, files: 1, directories: 0, firstPaths: ['share/a/b/c/deep.txt'] });
    expect(existsSync(join(to, 'share/big.bin'))).toBe(false);
    writeFileSync(join(to, 'share/a/b/c/deep.txt'), 'local edit\n');
    const refused = await operator.attempt('backups.restore', { id: first.id, to, path: 'share/a/b/c/deep.txt' });
    expect(refused.ok).toBe(false);
    expect(readFileSync(join(to, 'share/a/b/c/deep.txt'), 'utf8')).toBe('local edit\n');
    await operator.call('backups.restore', { id: first.id, to, path: 'share/a/b/c/deep.txt', overwrite: true });
    expect(readFileSync(join(to, 'share/a/b/c/deep.txt'), 'utf8')).toBe('deep\n');
  });

  it('a drill restores to scratch, checks every file and records the time against the RTO', async () => {
    const drill = await operator.call('backups.drill', { id: first.id });
    expect(drill).toMatchObject({ level: 'drill', ok: true, rtoSeconds: 1800 });
    expect(drill.restoreSeconds).toBeGreaterThan(0);
    expect(drill.files).toBe(first.files);
    expect((await operator.call('backups.list', { plan: 'nightly' })).find((b) => b.id === first.id)?.lastCheck?.level).toBe('drill');
  });

  it('full verify names a damaged archive; the chain of the log is untouched', async () => {
    const file = join(target, 'nightly', first.archiveFile);
    const original = readFileSync(file);
    const damaged = Buffer.from(original);
    const middle = Math.floor(damaged.length / 2);
    damaged[middle] = (damaged[middle] ?? 0) ^ 0x40;
    writeFileSync(file, damaged);
    try {
      expect(await operator.call('backups.verify', { id: first.id, level: 'quick' })).toMatchObject({ ok: true });
      const full = await operator.call('backups.verify', { id: first.id, level: 'full' });
      expect(full.ok).toBe(false);
      expect(full.problems.join('\n')).toMatch(/authentication|damaged/);
      const to = join(work, 'restore-damaged');
      expect((await operator.attempt('backups.restore', { id: first.id, to, path: 'share' })).ok).toBe(false);
    } finally {
      writeFileSync(file, original);
    }
    expect((await v.admin.call('log.verify', {})).ok).toBe(true);
  });

  it('a failed run (a source vanished) lists no backup, leaves no temporary file, and is logged', async () => {
    // A source that vanished after the plan was made: the common failure on a real machine.
    const gone = join(work, 'vanishing');
    mkdirSync(gone);
    await operator.call('backups.plans.add', { name: 'vanish', sources: [gone], target: join(work, 'vanish-target'), includeDatabase: false });
    rmSync(gone, { recursive: true });
    expect((await operator.attempt('backups.run', { name: 'vanish' })).ok).toBe(false);
    expect(readdirSync(join(work, 'vanish-target', 'vanish'))).toEqual([]);
    expect((await operator.call('backups.list', { plan: 'vanish' }))).toEqual([]);
    const failed = await v.admin.call('audit.list', { type: 'backup.failed', limit: 1 });
    expect(failed.rows[0]?.data).toMatchObject({ plan: 'vanish' });
  });
});

describe('cancel', () => {
  it('stops a running backup; nothing is kept or listed, and the next run works', async () => {
    const big = join(work, 'big-source');
    mkdirSync(big);
    for (let i = 0; i < 30; i++) writeFileSync(join(big, `f${i}.bin`), Buffer.alloc(1024 * 1024, i));
    await operator.call('backups.plans.add', { name: 'cancellable', sources: [big], target: join(work, 'cancel-target'), includeDatabase: false });
    const asked: { cancel: Promise<unknown> | null } = { cancel: null };
    const stop = operator.backend.subscribe(operator.conn, 'backup.progress', (p) => {
      if (p.plan === 'cancellable' && p.phase === 'archiving' && p.files >= 1 && !asked.cancel) asked.cancel = operator.call('backups.cancel', { name: 'cancellable' });
    });
    const run = await operator.attempt('backups.run', { name: 'cancellable' });
    stop();
    expect(await asked.cancel).toEqual({ cancelled: true });
    expect(run.ok ? 'finished' : run.error.message).toContain('cancelled');
    expect(readdirSync(join(work, 'cancel-target', 'cancellable'))).toEqual([]);
    expect(await operator.call('backups.list', { plan: 'cancellable' })).toEqual([]);
    expect(await operator.call('backups.cancel', { name: 'cancellable' })).toEqual({ cancelled: false });
    expect((await operator.call('backups.run', { name: 'cancellable' })).files).toBe(30);
  });
});

describe('after its plan is removed', () => {
  it('a backup stays listed, verifiable and restorable', async () => {
    const [latest] = await operator.call('backups.list', { plan: 'nightly' });
    expect(await operator.call('backups.plans.remove', { name: 'nightly' })).toEqual({ removed: 'nightly' });
    expect((await operator.call('backups.list', { plan: 'nightly' }))[0]?.id).toBe(latest?.id);
    expect(await operator.call('backups.verify', { id: latest?.id ?? '', level: 'full' })).toMatchObject({ ok: true });
    const to = join(work, 'restore-orphan');
    expect((await operator.call('backups.restore', { id: latest?.id ?? '', to, path: 'share/a/b/c/deep.txt' })).firstPaths).toEqual(['share/a/b/c/deep.txt']);
    const refused = await v.admin.attempt('backups.restore', { id: latest?.id ?? '', to: join(work, 'restore-1') });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('CONFLICT');
    expect(refused.ok ? '' : refused.error.message).toMatch(/already exists/);
  });
});
