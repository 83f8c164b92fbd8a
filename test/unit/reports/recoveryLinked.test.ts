import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDuration } from '../../../main/reports/incidentReport/formatTime';
import { expectFailure, type TestClient } from '../../helpers/client';
import { makeTempDataDir, removeTempDataDir } from '../../helpers/tempDataDir';
import { createTestVault, type TestVault } from '../../helpers/testVault';

/**
 * Issue 12 §3, "recovery — the backups and drills tied to the incident with measured RTO/RPO
 * against targets": a restore or drill done with the incident's reference is on its timeline and
 * in its report, the drill's restore time against the plan's RTO and the backup's age against its
 * RPO. An unknown incident is refused before any work.
 */
let v: TestVault;
let operator: TestClient;
let work: string;
let backupId: string;
let ref: string;
const MINUTE = 60_000;

beforeAll(async () => {
  v = await createTestVault();
  operator = await v.addUser('bob', 'backup-operator');
  work = makeTempDataDir('recovery-linked');
  const source = join(work, 'share');
  mkdirSync(source);
  writeFileSync(join(source, 'ledger.xlsx'), 'quarter figures\n');
  await operator.call('backups.plans.add', { name: 'finance', sources: [source], target: join(work, 'target'), includeDatabase: false, rtoMinutes: 30, rpoMinutes: 60 * 24, retention: { keepLast: 3 }, fullEvery: 1 });
  backupId = (await operator.call('backups.run', { name: 'finance' })).id;
  ref = (await v.admin.call('incidents.create', { title: 'Ransomware on the finance share', severity: 'SEV1', category: 'ransomware' })).ref;
});
afterAll(() => {
  v.dispose();
  removeTempDataDir(work);
});

describe('restores and drills done for an incident', () => {
  it('an unknown incident is refused before anything is restored or recorded', async () => {
    const head = (await v.admin.call('log.verify', {})).head;
    const to = join(work, 'refused');
    expectFailure(await operator.attempt('backups.restore', { id: backupId, to, incidentRef: 'IR-2026-9999' }), 'NOT_FOUND');
    expectFailure(await operator.attempt('backups.drill', { id: backupId, incidentRef: 'IR-2026-9999' }), 'NOT_FOUND');
    expectFailure(await operator.raw('backups.drill', { id: backupId, incidentRef: 'finance' }), 'VALIDATION');
    expect(() => readFileSync(join(to, 'share', 'ledger.xlsx'))).toThrow();
    expect((await v.admin.call('log.verify', {})).head).toEqual(head);
  });

  it('are on the incident timeline and in its report with RTO and RPO verdicts', async () => {
    v.clock.advance(MINUTE);
    const drill = await operator.call('backups.drill', { id: backupId, incidentRef: ref });
    expect(drill).toMatchObject({ ok: true, rtoSeconds: 1800 });
    v.clock.advance(MINUTE);
    const to = join(work, 'restored');
    await operator.call('backups.restore', { id: backupId, to, incidentRef: ref });
    expect(readFileSync(join(to, 'share', 'ledger.xlsx'), 'utf8')).toBe('quarter figures\n');

    const timeline = await v.admin.call('timeline.forIncident', { ref });
    // The drill's own restore into scratch is on the timeline too, marked as the drill's.
    expect(timeline.map((e) => e.type).filter((t) => t.startsWith('backup.'))).toEqual(['backup.restored', 'backup.drill_passed', 'backup.restored']);
    expect(timeline.find((e) => e.type === 'backup.drill_passed')!.data).toMatchObject({ id: backupId, plan: 'finance', rtoSeconds: 1800, rpoTargetSeconds: 86_400 });

    const report = await v.admin.call('reports.incident', { ref, format: 'md', tlp: 'amber', redact: false });
    const md = Buffer.from(report.dataBase64, 'base64').toString('utf8');
    const recovery = md.slice(md.indexOf('Recovery (backups and restore drills)'));
    const section = recovery.slice(0, recovery.indexOf('\n# ', 10) === -1 ? undefined : recovery.indexOf('\n# ', 10));
    expect(section).toMatch(/Drill: passed/);
    expect(section).toMatch(new RegExp(`${backupId} \\(plan finance\\)`));
    expect(section).toMatch(/\| 2026-03-14 09:01:00 UTC \| bob \| Drill: passed \| [^|]+ \| 1 \| (?:\d\.\d\d?|\d\d) s of 30 min: met \| 1 min of 24 h: met \|/);
    expect(section).toMatch(/\| 2026-03-14 09:02:00 UTC \| bob \| Restore \| [^|]+ \| 1 \| not measured/);
    expect(section.match(/Drill: passed/g)).toHaveLength(1);
    // A drill restores in well under a second: said as measured, never "0 s" (user test, finding 7).
    expect([210, 40, 45_000, 90_000].map(formatDuration)).toEqual(['0.2 s', '0.04 s', '45 s', '2 min']);
    expect(section).not.toMatch(/No restore or drill was recorded/);
  });
});
