import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRetained } from '../../../main/backups/selectRetained';
import { expectFailure } from '../../helpers/client';
import { makeTempDataDir, removeTempDataDir } from '../../helpers/tempDataDir';
import { createTestVault, type TestVault } from '../../helpers/testVault';

const at = (iso: string, id = iso) => ({ id, finishedAt: iso });

describe('selectRetained (restic forget semantics)', () => {
  const backups = [
    at('2026-01-01T02:00:00.000Z'), at('2026-01-01T14:00:00.000Z'), at('2026-01-02T02:00:00.000Z'),
    at('2026-01-05T02:00:00.000Z'), at('2026-01-12T02:00:00.000Z'), at('2026-02-01T02:00:00.000Z'), at('2026-02-02T02:00:00.000Z'),
  ];
  it('keepLast keeps the newest N', () => {
    expect([...selectRetained(backups, { keepLast: 2 }).keys()]).toEqual(['2026-02-02T02:00:00.000Z', '2026-02-01T02:00:00.000Z']);
  });
  it('keepDaily keeps the newest backup of each of the last N days that have one', () => {
    const kept = selectRetained(backups, { keepDaily: 10 });
    expect(kept.has('2026-01-01T14:00:00.000Z')).toBe(true);
    expect(kept.has('2026-01-01T02:00:00.000Z')).toBe(false);
    expect(kept.size).toBe(6);
  });
  it('weekly and monthly buckets, and reasons add up', () => {
    const kept = selectRetained(backups, { keepWeekly: 2, keepMonthly: 2 });
    // ISO weeks: 2026-W06 (Feb 2), 2026-W05 (Feb 1 is a Sunday); months: Feb, Jan.
    expect(kept.get('2026-02-02T02:00:00.000Z')).toEqual(['weekly 2026-W06', 'monthly 2026-02']);
    expect(kept.get('2026-02-01T02:00:00.000Z')).toEqual(['weekly 2026-W05']);
    expect(kept.get('2026-01-12T02:00:00.000Z')).toEqual(['monthly 2026-01']);
    expect(kept.size).toBe(3);
  });
  it('no rules keep nothing', () => expect(selectRetained(backups, {}).size).toBe(0));
});

describe('prune', () => {
  let v: TestVault;
  let work: string;
  let source: string;
  beforeAll(async () => {
    v = await createTestVault();
    work = makeTempDataDir('prune');
    source = join(work, 'src');
    mkdirSync(source);
    writeFileSync(join(source, 'a.txt'), 'a');
  });
  afterAll(() => {
    v.dispose();
    removeTempDataDir(work);
  });

  it('refuses a plan without retention rules', async () => {
    await v.admin.call('backups.plans.add', { name: 'forever', sources: [source], target: join(work, 't0'), includeDatabase: false });
    expect(expectFailure(await v.admin.attempt('backups.prune', { name: 'forever' }), 'VALIDATION').message).toContain('no retention rules');
  });

  it('keeps what the rules keep and every backup a kept incremental needs; dry-run changes nothing', async () => {
    await v.admin.call('backups.plans.add', { name: 'daily', sources: [source], target: join(work, 't1'), includeDatabase: false, fullEvery: 3, retention: { keepLast: 1 } });
    const ids: string[] = [];
    for (let day = 0; day < 5; day++) {
      writeFileSync(join(source, `day-${day}.txt`), `day ${day}`);
      ids.push((await v.admin.call('backups.run', { name: 'daily' })).id);
      v.clock.advance(24 * 3600_000);
    }
    const kinds = (await v.admin.call('backups.list', { plan: 'daily' })).reverse().map((b) => b.kind);
    expect(kinds).toEqual(['full', 'incremental', 'incremental', 'full', 'incremental']);
    const planDir = join(work, 't1', 'daily');
    const before = readdirSync(planDir).sort();

    const dry = await v.admin.call('backups.prune', { name: 'daily', dryRun: true });
    // The newest (an incremental) is kept by keepLast; it needs the full one before it.
    expect(dry.kept.map((k) => k.id)).toEqual([ids[4], ids[3]]);
    expect(dry.kept[1]?.reasons).toEqual([`needed by ${ids[4]}`]);
    expect(dry.removed.map((r) => r.id).sort()).toEqual([ids[0], ids[1], ids[2]].sort());
    expect(readdirSync(planDir).sort()).toEqual(before);

    const done = await v.admin.call('backups.prune', { name: 'daily' });
    expect(done.removed).toHaveLength(3);
    expect((await v.admin.call('backups.list', { plan: 'daily' })).map((b) => b.id)).toEqual([ids[4], ids[3]]);
    for (const id of [ids[0], ids[1], ids[2]]) expect(existsSync(join(planDir, `${id}.tar.age`))).toBe(false);
    // What is left is still whole and restorable.
    expect(await v.admin.call('backups.verify', { id: ids[4] as string, level: 'full' })).toMatchObject({ ok: true });
    const events = await v.admin.call('audit.list', { type: 'backup.pruned', limit: 1 });
    expect(events.rows[0]?.data).toMatchObject({ plan: 'daily', kept: 2 });
  });
});
