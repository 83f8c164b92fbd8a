import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupSummary } from '../../../contract';
import { clientFor, expectFailure, signedIn, type TestClient } from '../../helpers/client';
import { makeTempDataDir, removeTempDataDir } from '../../helpers/tempDataDir';
import { createTestVault, passphraseFor, type TestVault } from '../../helpers/testVault';

/**
 * Issue 11 §4: every check (quick, full, drill) is its own record. A full check after a restore
 * drill once replaced the drill as the backup's "last check", and after a reload the drill chart
 * said "No drills yet": the proof that the RTO was met had vanished.
 */
let v: TestVault;
let operator: TestClient;
let work: string;
let first: BackupSummary;
let second: BackupSummary;
const MINUTE = 60_000;

beforeAll(async () => {
  v = await createTestVault();
  operator = await v.addUser('bob', 'backup-operator');
  work = makeTempDataDir('backup-checks');
  const source = join(work, 'share');
  mkdirSync(source);
  writeFileSync(join(source, 'a.txt'), 'alpha\n');
  writeFileSync(join(source, 'b.txt'), 'bravo\n');
  await operator.call('backups.plans.add', { name: 'nightly', sources: [source], target: join(work, 'target'), includeDatabase: false, rtoMinutes: 30, retention: { keepLast: 1 }, fullEvery: 1 });
  first = await operator.call('backups.run', { name: 'nightly' });
  v.clock.advance(MINUTE);
  second = await operator.call('backups.run', { name: 'nightly' });
});
afterAll(() => {
  v.dispose();
  removeTempDataDir(work);
});

describe('a drill, then a full check, then a quick check of one backup', () => {
  it('keeps each as its own record: the backup shows the latest of each kind, the drill with its RTO verdict', async () => {
    v.clock.advance(MINUTE);
    const drill = await operator.call('backups.drill', { id: first.id });
    expect(drill).toMatchObject({ level: 'drill', ok: true, rtoSeconds: 1800 });
    v.clock.advance(MINUTE);
    const full = await operator.call('backups.verify', { id: first.id, level: 'full' });
    v.clock.advance(MINUTE);
    const quick = await operator.call('backups.verify', { id: first.id, level: 'quick' });

    const got = await operator.call('backups.get', { id: first.id });
    expect(got.latestChecks).toEqual({ quick, full, drill });
    expect(got.latestChecks.drill?.restoreSeconds).toBeLessThanOrEqual(1800);
    // The most recent of any kind is still there, under its own name.
    expect(got.lastCheck).toEqual(quick);
    const listed = (await operator.call('backups.list', { plan: 'nightly' })).find((b) => b.id === first.id);
    expect(listed?.latestChecks).toEqual({ quick, full, drill });
  });

  it('survives a restart of the backend (what a reload of the screen reads)', async () => {
    const reopened = await v.reopen();
    const bob = await signedIn(reopened, 'bob', passphraseFor('bob'));
    const got = await bob.call('backups.get', { id: first.id });
    expect(got.latestChecks.drill).toMatchObject({ level: 'drill', ok: true, rtoSeconds: 1800 });
    expect(got.latestChecks.full).toMatchObject({ level: 'full', ok: true });
    const drills = await bob.call('backups.checks', { plan: 'nightly', level: 'drill' });
    expect(drills.map((c) => [c.backupId, c.level])).toEqual([[first.id, 'drill']]);
    await bob.call('auth.logout', {});
  });

  it('backups.checks lists every check, newest first, numbered in the order recorded; a later drill adds a record', async () => {
    const before = await operator.call('backups.checks', { backupId: first.id });
    expect(before.map((c) => c.level)).toEqual(['quick', 'full', 'drill']);
    expect(before.map((c) => c.id)).toEqual([...before.map((c) => c.id)].sort((a, b) => b - a));
    expect(before.every((c) => c.plan === 'nightly' && !c.backupPruned)).toBe(true);

    v.clock.advance(MINUTE);
    const again = await operator.call('backups.drill', { id: first.id });
    const drills = await operator.call('backups.checks', { plan: 'nightly', level: 'drill' });
    expect(drills).toHaveLength(2);
    expect(drills[0]).toMatchObject({ ...again, plan: 'nightly' });
    expect(drills[1]?.at).toBe(before[2]?.at);
    expect((await operator.call('backups.checks', { plan: 'nightly', level: 'drill', limit: 1 })).map((c) => c.at)).toEqual([again.at]);
  });

  it('checks recorded in the same millisecond are ordered by the order they were recorded', async () => {
    const a = await operator.call('backups.verify', { id: second.id, level: 'quick' });
    const b = await operator.call('backups.verify', { id: second.id, level: 'full' });
    expect(a.at).toBe(b.at);
    const got = await operator.call('backups.get', { id: second.id });
    expect(got.lastCheck).toEqual(b);
    expect((await operator.call('backups.checks', { backupId: second.id })).map((c) => c.level)).toEqual(['full', 'quick']);
  });
});

describe('a failed full check after a passed drill', () => {
  it('shows both: the drill stays passed, the full check failed, each naming its own result', async () => {
    const archive = join(work, 'target', 'nightly', second.archiveFile);
    const original = readFileSync(archive);
    const damaged = Buffer.from(original);
    const middle = Math.floor(damaged.length / 2);
    damaged[middle] = (damaged[middle] ?? 0) ^ 0x40;
    v.clock.advance(MINUTE);
    const drill = await operator.call('backups.drill', { id: second.id });
    expect(drill.ok).toBe(true);
    writeFileSync(archive, damaged);
    try {
      v.clock.advance(MINUTE);
      const full = await operator.call('backups.verify', { id: second.id, level: 'full' });
      expect(full.ok).toBe(false);
      const got = await operator.call('backups.get', { id: second.id });
      expect(got.latestChecks.drill).toEqual(drill);
      expect(got.latestChecks.full).toEqual(full);
      expect(got.lastCheck).toEqual(full);
    } finally {
      writeFileSync(archive, original);
    }
  });
});

describe('pruned backups', () => {
  it('keep their checks on record (marked), while the backup itself is gone', async () => {
    const drillsBefore = await operator.call('backups.checks', { plan: 'nightly', level: 'drill' });
    const report = await operator.call('backups.prune', { name: 'nightly', dryRun: false });
    expect(report.removed.map((b) => b.id)).toEqual([first.id]);
    expectFailure(await operator.attempt('backups.get', { id: first.id }), 'NOT_FOUND');
    const drillsAfter = await operator.call('backups.checks', { plan: 'nightly', level: 'drill' });
    expect(drillsAfter.map((c) => c.id)).toEqual(drillsBefore.map((c) => c.id));
    expect(drillsAfter.filter((c) => c.backupId === first.id).every((c) => c.backupPruned)).toBe(true);
    expect(drillsAfter.filter((c) => c.backupId === second.id).every((c) => !c.backupPruned)).toBe(true);
    expect((await operator.call('backups.checks', { backupId: first.id })).length).toBe(4);
  });
});

describe('refusals', () => {
  it('an unknown backup or plan is NOT_FOUND, bad filters are VALIDATION, and nothing is recorded', async () => {
    const count = (await operator.call('backups.checks', { limit: 1000 })).length;
    expect(expectFailure(await operator.attempt('backups.checks', { backupId: 'nightly-20990101T000000Z-000000' }), 'NOT_FOUND').message).toMatch(/no backup nightly-2099/);
    expect(expectFailure(await operator.attempt('backups.checks', { plan: 'weekly' }), 'NOT_FOUND').message).toMatch(/no backup plan weekly/);
    expectFailure(await operator.attempt('backups.get', { id: 'nightly-20990101T000000Z-000000' }), 'NOT_FOUND');
    for (const input of [{ limit: 0 }, { limit: 1001 }, { level: 'weekly' }, { plan: 'Not A Plan' }, { backupId: '' }, { extra: 1 }]) {
      expectFailure(await operator.raw('backups.checks', input), 'VALIDATION');
    }
    expectFailure(await operator.raw('backups.get', {}), 'VALIDATION');
    expect((await operator.call('backups.checks', { limit: 1000 })).length).toBe(count);
  });

  it('needs backup:read: a manager may list checks, legal may not', async () => {
    const manager = await v.addUser('mia', 'manager');
    expect((await manager.call('backups.checks', { plan: 'nightly', level: 'drill' })).length).toBeGreaterThan(0);
    const legal = await v.addUser('lena', 'legal');
    expectFailure(await legal.attempt('backups.checks', { plan: 'nightly' }), 'FORBIDDEN');
    expectFailure(await legal.attempt('backups.get', { id: second.id }), 'FORBIDDEN');
    const anonymous = clientFor(v.backend, v.backend.newConnection('test'));
    expectFailure(await anonymous.attempt('backups.checks', {}), 'UNAUTHENTICATED');
  });
});
