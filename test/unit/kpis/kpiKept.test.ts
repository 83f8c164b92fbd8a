/**
 * What computeKpis keeps between calls (incidentFigures.ts: figures and columns per period, kept
 * until a row detected in the period changes, migration 0220; notificationKpis.ts: the assessed
 * incidents; an ended period's headline, with the drills done for exercises) never shows a stale figure: after
 * each kind of change, the figures from a connection that has kept everything equal those from a
 * fresh connection that computes from nothing. And the spliced columns equal a fresh read.
 */
// Backup schedules fire by node-cron's local time: UTC here, so "0 2 * * *" is 02:00Z.
process.env.TZ = 'UTC';

import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiResult, PlanConfig } from '../../../contract';
import { computeKpis, type KpiQuery } from '../../../main/kpis';
import { loadIncidents, spliceColumns } from '../../../main/kpis/loadIncidents';
import { periodOf } from '../../../main/kpis/period';
import { addPlan } from '../../../main/backups';
import { addActionItem, updateActionItem } from '../../../main/reviews';
import { builtinNotifyDir, loadRegimeLibrary, type RegimeLibrary } from '../../../main/notify';
import { migrate, openDatabase, type Db } from '../../../main/store';
import { appendEvent } from '../../../main/timeline';
import { makeTempDataDir, removeTempDataDir } from '../../helpers/tempDataDir';

const N = 3000;
const H = 3_600_000;
const NOW = '2027-01-10T00:00:00.000Z';
const iso = (ms: number) => new Date(ms).toISOString();
let dir: string;
let file: string;
let key: string;
/** The writer, and the reader that keeps figures between calls (as the report worker's connection does). */
let writer: Db;
let kept: Db;
let library: RegimeLibrary;

beforeAll(() => {
  dir = makeTempDataDir('kpi-kept');
  file = join(dir, 'kpi.db');
  key = randomBytes(32).toString('hex');
  writer = openDatabase(file, key);
  migrate(writer);
  writer.prepare("INSERT INTO users (name, role, created_at) VALUES ('root', 'admin', '2025-01-01T00:00:00.000Z')").run();
  const insert = writer.prepare(
    // search_title as createIncident writes it: left out, the search trigger indexes each row twice.
    `INSERT INTO incidents (ref, title, search_title, category, severity, highest_severity, status, status_rank, started_at, detected_at, triaged_at, contained_at, closed_at, exercise, created_at, created_by, updated_at)
     VALUES (?, 'x', 'x', ?, ?, ?, 'detected', 0, ?, ?, ?, ?, ?, ?, ?, 'root', ?)`,
  );
  let seed = 5;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  writer.transaction(() => {
    for (let i = 0; i < N; i++) {
      const detected = Date.UTC(2025, 0, 1) + Math.floor((i / N) * 730 * 24 * H);
      const contained = rnd() < 0.1 ? null : rnd() < 0.03 ? detected - H : detected + Math.floor(rnd() * 48 * H);
      const sev = ['SEV1', 'SEV2', 'SEV3', 'SEV4'][i % 4]!;
      insert.run(
        `IR-${new Date(detected).getUTCFullYear()}-${String(i + 1).padStart(5, '0')}`, i % 3 ? 'malware' : 'phishing', sev, sev,
        rnd() < 0.6 ? iso(detected - Math.floor(rnd() * 24 * H)) : null, iso(detected), iso(detected + Math.floor(rnd() * 3 * H)),
        contained === null ? null : iso(contained), rnd() < 0.5 ? iso(detected + 200 * H) : null, i % 25 === 0 ? 1 : 0, iso(detected), iso(detected),
      );
    }
  })();
  // A daily plan since the start of 2025: a backup on two days in three, verified on one in two.
  mkdirSync(join(dir, 'source'));
  addPlan(writer, dir, 'root', 'daily', planConfig('0 2 * * *'), '2025-01-01T00:00:00.000Z');
  const backup = writer.prepare(
    `INSERT INTO backups (id, plan, dir, kind, parent, started_at, finished_at, files, bytes, stored_files, stored_bytes, archive_file, manifest_file, archive_size)
     VALUES (?, 'daily', ?, 'full', NULL, ?, ?, 1, 1, 1, 1, 'a', 'm', 1)`,
  );
  writer.transaction(() => {
    for (let d = 0; d < 730; d++) {
      if (d % 3 === 2) continue;
      const at = Date.UTC(2025, 0, 1, 2, 0, 30) + d * 24 * H;
      backup.run(`b${d}`, join(dir, 'target'), iso(at), iso(at + 60_000));
      if (d % 2 === 0) checkBackup(`b${d}`, at + 120_000);
    }
  })();
  kept = openDatabase(file, key, { readonly: true, mustExist: true });
  library = loadRegimeLibrary(builtinNotifyDir(), null);
});

afterAll(() => {
  kept.close();
  writer.close();
  removeTempDataDir(dir);
});

function planConfig(schedule: string): PlanConfig {
  return {
    sources: [join(dir, 'source')], includeDatabase: false, exclude: [], target: join(dir, 'target'), schedule, retention: {},
    rtoMinutes: 60, rpoMinutes: 1440, recipients: [], fullEvery: 7, verifySchedule: null, verifyLevel: 'full',
  };
}

const QUERIES: KpiQuery[] = [
  { from: '2026-01-01', to: '2026-12-31', includeExercises: false },
  { from: '2026-01-01', to: '2026-12-31', includeExercises: false, severity: ['SEV1', 'SEV2'] },
  { from: '2026-04-01', to: '2026-06-30', includeExercises: true },
  // Its trend is the first quarter's headline, kept once that quarter has ended.
  { from: '2026-04-01', to: '2026-06-30', includeExercises: false },
];

/** Every query on the keeping connection equals the same on a fresh one. */
function expectFresh(): KpiResult[] {
  const fresh = openDatabase(file, key, { readonly: true, mustExist: true });
  try {
    return QUERIES.map((q) => {
      const got = computeKpis(kept, library, q, NOW);
      expect(got).toEqual(computeKpis(fresh, library, q, NOW));
      return got;
    });
  } finally {
    fresh.close();
  }
}

function checkBackup(id: string, at: number): void {
  writer.prepare(`INSERT INTO backup_checks (backup_id, level, at, ok, problems, files, bytes) VALUES (?, 'full', ?, 1, '[]', 1, 1)`).run(id, iso(at));
}

/** A restore drill of the backup at `at`, done for the incident when one is named: the check and its event together, as drillBackup writes them. */
function drill(id: string, at: string, incidentRef?: string): void {
  writer.transaction(() => {
    writer.prepare(`INSERT INTO backup_checks (backup_id, level, at, ok, problems, files, bytes, restore_seconds, rto_seconds) VALUES (?, 'drill', ?, 1, '[]', 1, 1, 600, 3600)`).run(id, at);
    appendEvent(writer, { actor: 'root', type: 'backup.drill_passed', ts: at, ...(incidentRef ? { incidentRef } : {}), data: { id, plan: 'daily', problems: [] } });
  })();
}

const refOf = (n: number) => (writer.prepare('SELECT ref FROM incidents WHERE id = ?').pluck().get(n) as string);

describe('KPIs kept between calls', () => {
  it('follow every kind of change to the incidents, the notices and the backups', () => {
    const before = expectFresh();
    // An event the KPIs do not read by period: the figures are served as kept, and equal.
    appendEvent(writer, { actor: 'root', type: 'auth.login', ts: NOW, data: { user: 'root' } });
    expect(expectFresh()).toEqual(before);

    const steps: [string, () => void][] = [
      ['a corrected time', () => writer.prepare("UPDATE incidents SET contained_at = '2026-05-02T10:00:00.000Z' WHERE id = 2000").run()],
      ['a detection moved into the previous year', () => writer.prepare("UPDATE incidents SET detected_at = '2025-12-30T10:00:00.000Z', started_at = NULL WHERE id = 2100").run()],
      ['a detection moved out of the quarter, and back into the year', () => writer.prepare("UPDATE incidents SET detected_at = '2026-09-01T00:00:00.000Z', started_at = NULL WHERE id = 2200").run()],
      ['status moves (phase totals), one before the stay began', () => {
        const ref = refOf(2300);
        appendEvent(writer, { actor: 'root', type: 'incident.status_changed', incidentRef: ref, ts: '2026-07-01T00:00:00.000Z', data: { from: 'detected', to: 'triaged' } });
        appendEvent(writer, { actor: 'root', type: 'incident.status_changed', incidentRef: ref, ts: '2026-06-01T00:00:00.000Z', data: { from: 'triaged', to: 'contained' } });
      }],
      ['a new incident on the first day of the year', () => writer.prepare(
        `INSERT INTO incidents (ref, title, category, severity, highest_severity, status, status_rank, detected_at, contained_at, exercise, created_at, created_by, updated_at)
         VALUES ('IR-2026-99999', 'x', 'ransomware', 'SEV1', 'SEV1', 'detected', 0, '2026-01-01T00:00:00.000Z', '2026-01-01T05:00:00.000Z', 0, '2026-01-01T00:00:00.000Z', 'root', '2026-01-01T00:00:00.000Z')`,
      ).run()],
      ['an exercise, a raised severity and a new category', () => {
        writer.prepare('UPDATE incidents SET exercise = 1 WHERE id = 2400').run();
        writer.prepare("UPDATE incidents SET highest_severity = 'SEV1' WHERE id = 2401").run();
        writer.prepare("UPDATE incidents SET category = 'ransomware' WHERE id = 2402").run();
      }],
      ['times out of order on the last day of the year', () => writer.prepare("UPDATE incidents SET detected_at = '2026-12-31T23:59:59.999Z', triaged_at = '2026-12-31T01:00:00.000Z' WHERE id = 2500").run()],
      ['breach facts recorded for an incident of the year (its notices assessed)', () => writer.prepare('INSERT INTO breach_facts (incident_ref, facts, updated_at, updated_by) VALUES (?, ?, ?, ?)').run(
        refOf(2600), JSON.stringify({
          personalData: true, awareAt: '2026-09-01T00:00:00.000Z', discoveredAt: '2026-09-01T00:00:00.000Z', determinedAt: '2026-09-01T00:00:00.000Z', encrypted: false,
          riskToIndividuals: 'risk', secRegistrant: false, nydfsCoveredEntity: false, nis2Entity: 'none', doraFinancialEntity: false, hipaaCoveredEntity: false,
        }), '2026-09-01T00:00:00.000Z', 'root',
      )],
      ['a backup of the previous year verified now (the trend\'s backup rate)', () => checkBackup('b1', Date.parse(NOW) - H)],
      // Drills: one in the first quarter for an incident detected in December 2025, one in the second for an exercise, one for no incident.
      ['restore drills, one done for an exercise', () => {
        drill('b400', '2026-02-05T03:00:00.000Z', refOf(1482));
        drill('b501', '2026-05-17T03:00:00.000Z', refOf(1976));
        drill('b502', '2026-05-18T03:00:00.000Z');
      }],
      // Its detection day is outside both quarters: the first quarter's kept headline must still drop the drill.
      ['the incident of a first-quarter drill marked an exercise', () => writer.prepare('UPDATE incidents SET exercise = 1 WHERE id = 1482').run()],
      ['a plan created in the first quarter (judged from its creation), one after the year (named, not judged)', () => {
        addPlan(writer, dir, 'root', 'weekly', planConfig('0 3 * * 1'), '2026-02-10T00:00:00.000Z');
        addPlan(writer, dir, 'root', 'later', planConfig('0 4 * * *'), '2027-01-05T00:00:00.000Z');
      }],
      ['an action item of the year due on a date already past', () => {
        addActionItem(writer, { ref: refOf(2050), title: 'Rotate the keys', owner: 'root', due: '2026-06-01' }, 'root', NOW);
      }],
      ['its due date moved to a later calendar date', () => {
        const id = writer.prepare('SELECT max(id) FROM action_items').pluck().get() as number;
        updateActionItem(writer, { id, due: '2027-02-01', reason: 'waiting for the vendor' }, 'root', NOW);
      }],
      ['an incident of the second quarter marked an exercise (counted when exercises are included)', () => writer.prepare('UPDATE incidents SET exercise = 1 WHERE id = 2052').run()],
      ['changes on more days than are spliced (the scope is read again)', () => writer.prepare("UPDATE incidents SET closed_at = NULL WHERE id % 7 = 0 AND id > 1500").run()],
    ];
    let last = before;
    const seen = new Map<string, KpiResult[]>();
    for (const [what, change] of steps) {
      change();
      const now = expectFresh();
      expect(now, what).not.toEqual(last);
      seen.set(what, now);
      last = now;
    }
    // The changes main's figures follow, seen where they show (beyond equal to a fresh read).
    const at = (what: string) => seen.get(what)!;
    expect(at('restore drills, one done for an exercise')[3]!.previous.drills).toBe(1);
    expect(at('restore drills, one done for an exercise')[3]!.drills).toMatchObject({ exercises: 1, restore: { n: 1 } });
    expect(at('restore drills, one done for an exercise')[2]!.drills).toMatchObject({ exercises: 1, restore: { n: 2 } });
    expect(at('the incident of a first-quarter drill marked an exercise')[3]!.previous.drills).toBe(0);
    const plans = at('a plan created in the first quarter (judged from its creation), one after the year (named, not judged)')[0]!.backups;
    expect(plans.laterPlans.map((p) => p.plan)).toEqual(['later']);
    expect(plans.plans.map((p) => p.plan)).toEqual(['daily', 'weekly']);
    expect(at('an action item of the year due on a date already past')[0]!.actionItems).toMatchObject({ open: 1, overdue: 1 });
    expect(at('its due date moved to a later calendar date')[0]!.actionItems).toMatchObject({ open: 1, overdue: 0 });
    const included = at('an incident of the second quarter marked an exercise (counted when exercises are included)')[2]!;
    expect(included.exercisesIncluded).toBe(at('its due date moved to a later calendar date')[2]!.exercisesIncluded + 1);
  });

  it('splicing the stretches that changed gives the columns a fresh read gives', () => {
    const period = periodOf('2026-01-01', '2026-12-31');
    const scope = { period, severity: null, category: null, includeExercises: false };
    const old = loadIncidents(kept, scope);
    writer.prepare("UPDATE incidents SET detected_at = '2026-03-03T12:00:00.000Z' WHERE id = 1600").run();
    writer.prepare("UPDATE incidents SET contained_at = NULL WHERE id = 2800").run();
    const moved = Date.parse('2026-03-03T00:00:00.000Z');
    const d1600 = Date.parse(writer.prepare('SELECT created_at FROM incidents WHERE id = 1600').pluck().get() as string);
    const d2800 = Date.parse(writer.prepare('SELECT detected_at FROM incidents WHERE id = 2800').pluck().get() as string);
    const stretches = [
      { fromMs: Math.min(moved, d1600 - (d1600 % 86_400_000)), toMs: Math.max(moved, d1600 - (d1600 % 86_400_000)) + 86_400_000 },
      { fromMs: d2800 - (d2800 % 86_400_000), toMs: d2800 - (d2800 % 86_400_000) + 86_400_000 },
    ].sort((a, b) => a.fromMs - b.fromMs);
    const spliced = spliceColumns(old, stretches.map((s) => ({ ...s, rows: loadIncidents(kept, scope, s) })));
    expect(spliced).toEqual(loadIncidents(kept, scope));
    expect(spliced.count).toBe(old.count);
  });
});
