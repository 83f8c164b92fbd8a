import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES, SEVERITIES, STATUSES } from '../../contract';
import { findUser, insertUser } from '../../main/auth';
import { addPlan } from '../../main/backups';
import type { Db } from '../../main/store';
import { appendEvent } from '../../main/timeline';
import { createRandom } from './sampleData';

/** Incidents are detected over 2025 and 2026; the dashboard's year is 2026. */
export const KPI_START = Date.UTC(2025, 0, 1);
const SPAN = 2 * 365 * 86_400_000;
const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

export interface KpiSeed {
  incidents: number;
  events: number;
  breaches: number;
  backups: number;
  seconds: number;
}

interface Move {
  at: number;
  ref: string;
  from: string;
  to: string;
}

/**
 * What a year of real use leaves behind, at scale: `n` incidents over two years (bulk INSERT of
 * every column createIncident writes, times included: a start known for 70 %, each phase reached
 * with a realistic delay, 1 % with a pair out of order, 5 % exercises), the log built by
 * appendEvent itself — each incident's creation and every status move (the trigger fills
 * kpi_phase_moves as in the app), then notes, sign-ins, failed sign-ins and refusals up to
 * `events` — breach facts on 1 % of the incidents (each assessed against every regime), and an
 * hourly backup plan with a year of backups and checks (rows as runBackup and verifyBackup write
 * them; missed hours and failures included).
 */
export function seedKpiData(db: Db, dir: string, n: number, events: number, progress: (m: string) => void): KpiSeed {
  const t0 = performance.now();
  const rnd = createRandom(12);
  if (!findUser(db, 'alice')) insertUser(db, 'alice', 'admin', iso(KPI_START));
  const insert = db.prepare(
    `INSERT INTO incidents (ref, title, search_title, summary, category, severity, highest_severity, status, status_rank, owner, tags, started_at, detected_at,
       triaged_at, contained_at, eradicated_at, recovered_at, closed_at, data_categories, affected, affected_people, exercise, created_at, created_by, updated_at)
     VALUES (?, ?, ?, '', ?, ?, ?, ?, ?, 'alice', '[]', ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, 'alice', ?)`,
  );
  const facts = db.prepare('INSERT INTO breach_facts (incident_ref, facts, updated_at, updated_by) VALUES (?, ?, ?, ?)');
  const moves: Move[] = [];
  const breaches: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const detected = KPI_START + Math.floor((i / n) * SPAN);
      const ref = `IR-${new Date(detected).getUTCFullYear()}-${String(i + 1).padStart(6, '0')}`;
      const sev = SEVERITIES[Math.min(3, Math.floor(rnd() * 4))]!;
      const cat = CATEGORIES[Math.floor(rnd() * CATEGORIES.length)]!;
      const times: (number | null)[] = [rnd() < 0.7 ? detected - Math.floor(rnd() * 72 * H) : null, detected];
      // Each later phase reached with a probability, after a delay that grows with the phase.
      let t = detected;
      let reached = 0;
      for (let p = 1; p < STATUSES.length; p++) {
        if (rnd() > 0.93 || t + H > KPI_START + SPAN) break;
        t += Math.floor(rnd() * [0, 2, 12, 24, 48, 240][p]! * H) + 60_000;
        times.push(t);
        reached = p;
      }
      while (times.length < 7) times.push(null);
      // 1 %: contained recorded before detected (kept by an override in real life).
      if (rnd() < 0.01 && times[3] !== null) times[3] = detected - H;
      const exercise = rnd() < 0.05 ? 1 : 0;
      const breach = cat === 'data-breach' && rnd() < 0.12;
      insert.run(
        ref, `Incident ${i}`, `Incident ${i}`, cat, sev, sev, STATUSES[reached], reached, ...times.map((x) => (x === null ? null : iso(x))),
        breach ? '["contact"]' : '[]', breach ? JSON.stringify([{ jurisdiction: 'DE', count: 100 + Math.floor(rnd() * 5000) }]) : '[]', exercise, iso(detected), iso(t),
      );
      if (breach) {
        breaches.push(ref);
        facts.run(ref, JSON.stringify({
          personalData: true, awareAt: iso(detected), discoveredAt: iso(detected), determinedAt: iso(detected), encrypted: false, riskToIndividuals: 'risk',
          secRegistrant: false, nydfsCoveredEntity: false, nis2Entity: 'none', doraFinancialEntity: false, hipaaCoveredEntity: false,
        }), iso(detected), 'alice');
      }
      moves.push({ at: detected, ref, from: '', to: 'created' });
      for (let p = 1; p <= reached; p++) moves.push({ at: times[p + 1]! < detected ? detected + p * 60_000 : times[p + 1]!, ref, from: STATUSES[p - 1]!, to: STATUSES[p]! });
    }
  })();
  progress(`kpis: ${n} incidents inserted (${breaches.length} with breach facts), ${moves.length} creations and moves to log`);

  // The log: creations and moves in time order, other events spread between them up to `events`.
  moves.sort((a, b) => a.at - b.at);
  const fillers = Math.max(0, events - moves.length);
  const BATCH = 10_000;
  const filler = (at: number, k: number) => {
    const r = rnd();
    if (r < 0.02) return { actor: 'mallory', type: 'auth.login_failed', ts: iso(at), data: { user: 'alice', reason: 'bad passphrase', attempt: 1 } };
    if (r < 0.03) return { actor: 'bob', type: 'auth.denied', ts: iso(at), data: { method: 'users.add', needs: 'user:manage', role: 'responder' } };
    if (r < 0.3) return { actor: 'alice', type: 'auth.login', ts: iso(at), data: { user: 'alice', transport: 'ipc' } };
    return { actor: 'alice', type: 'incident.note', incidentRef: moves[Math.floor(rnd() * moves.length)]!.ref, ts: iso(at), data: { text: `Checked host${k % 5000} again; nothing new.` } };
  };
  const total = moves.length + fillers;
  let m = 0;
  let f = 0;
  while (m + f < total) {
    db.transaction(() => {
      for (let k = 0; k < BATCH && m + f < total; k++) {
        // Moves and fillers in proportion, so the fillers' times follow the moves'.
        if (m < moves.length && (f >= fillers || m * fillers <= f * moves.length)) {
          const mv = moves[m++]!;
          if (mv.to === 'created') appendEvent(db, { actor: 'alice', type: 'incident.created', incidentRef: mv.ref, ts: iso(mv.at), data: { fields: { title: 'x' } } });
          else appendEvent(db, { actor: 'alice', type: 'incident.status_changed', incidentRef: mv.ref, ts: iso(mv.at), data: { from: mv.from, to: mv.to, stamped: {} } });
        } else {
          appendEvent(db, filler(moves[Math.min(m, moves.length - 1)]!.at, f));
          f++;
        }
      }
    })();
    if (((m + f) / BATCH) % 25 === 0) progress(`kpis: ${m + f} events`);
  }
  const written = m + f;

  // An hourly plan since the start, with 2 % of the hours missed, 1 % failed, and every sixth backup verified.
  const source = join(dir, 'kpi-source');
  mkdirSync(source, { recursive: true });
  const planAt = iso(KPI_START);
  addPlan(db, dir, 'alice', 'hourly', { sources: [source], includeDatabase: false, exclude: [], target: join(dir, 'kpi-target'), schedule: '0 * * * *', retention: {}, rtoMinutes: 60, rpoMinutes: 120, recipients: [], fullEvery: 24, verifySchedule: null, verifyLevel: 'full' }, planAt);
  const backup = db.prepare(
    `INSERT INTO backups (id, plan, dir, kind, parent, started_at, finished_at, files, bytes, stored_files, stored_bytes, archive_file, manifest_file, archive_size)
     VALUES (?, 'hourly', ?, 'full', NULL, ?, ?, 10, 1000, 10, 1000, 'a', 'm', 1000)`,
  );
  const check = db.prepare(`INSERT INTO backup_checks (backup_id, level, at, ok, problems, files, bytes, restore_seconds, rto_seconds, rpo_seconds) VALUES (?, ?, ?, ?, '[]', 10, 1000, ?, ?, NULL)`);
  let backups = 0;
  db.transaction(() => {
    for (let t = KPI_START + H; t < KPI_START + SPAN; t += H) {
      const r = rnd();
      if (r < 0.02) continue;
      if (r < 0.03) {
        appendEvent(db, { actor: 'system', type: 'backup.failed', ts: iso(t + 5000), data: { plan: 'hourly', id: `f${t}`, error: 'target full' } });
        continue;
      }
      const id = `b${t}`;
      backup.run(id, join(dir, 'kpi-target'), iso(t), iso(t + 60_000));
      backups++;
      if (backups % 6 === 0) check.run(id, 'full', iso(t + 10 * 60_000), 1, null, null);
      if (backups % 500 === 0) check.run(id, 'drill', iso(t + 20 * 60_000), 1, 600 + Math.floor(rnd() * 4000), 3600);
    }
  })();
  const seconds = (performance.now() - t0) / 1000;
  progress(`kpis: seeded in ${seconds.toFixed(0)} s (${written} events, ${backups} backups)`);
  return { incidents: n, events: written + (db.prepare("SELECT count(*) AS c FROM events WHERE type = 'backup.failed' OR type = 'backup.plan_added'").get() as { c: number }).c, breaches: breaches.length, backups, seconds };
}
