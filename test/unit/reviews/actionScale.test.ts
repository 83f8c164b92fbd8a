/**
 * Action items at a hundred times the expected size (a few hundred a year, so 50,000): a page of
 * the list stays a page and quick, and the alarm sweep reads only items still owing an alarm —
 * in batches, so a backlog of overdue items is raised completely with bounded memory.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../../../main/store';
import { listActionItems, raiseActionAlarms } from '../../../main/reviews';
import { verifyChain } from '../../../main/timeline';
import { makeTempDataDir, removeTempDataDir } from '../../helpers/tempDataDir';

const ITEMS = 50_000;
/** More than one sweep batch (500), so the sweep must loop. */
const OVERDUE = 1_200;
const NOW = '2026-06-01T12:00:00.000Z';
const HOUR = 3_600_000;

let dir: string;
let db: Db;

beforeAll(() => {
  dir = makeTempDataDir('action-scale');
  db = openDatabase(join(dir, 'firebreak.db'), randomBytes(32).toString('hex'));
  migrate(db);
  db.prepare("INSERT INTO users (name, role, created_at) VALUES ('lena', 'responder', ?), ('omar', 'manager', ?)").run(NOW, NOW);
  db.transaction(() => {
    const incident = db.prepare(
      `INSERT INTO incidents (ref, title, category, severity, status, status_rank, detected_at, created_at, created_by, updated_at)
       VALUES (?, ?, 'malware', 'SEV3', 'closed', 5, ?, ?, 'lena', ?)`,
    );
    for (let i = 1; i <= 500; i++) incident.run(`IR-2026-${String(i).padStart(4, '0')}`, `Incident ${i}`, NOW, NOW, NOW);
    const item = db.prepare(
      `INSERT INTO action_items (incident_ref, title, owner, due_at, due_date, status, status_note, closed_by, closed_at, version, created_by, created_at, updated_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 'lena', ?, 'lena', ?)`,
    );
    const now = Date.parse(NOW);
    for (let i = 0; i < ITEMS; i++) {
      const ref = `IR-2026-${String((i % 500) + 1).padStart(4, '0')}`;
      // The first OVERDUE items are open and past due; most others are done; the rest open and due later.
      const overdue = i < OVERDUE;
      const open = overdue || i % 10 === 0;
      const due = new Date(overdue ? now - (i + 1) * HOUR : now + (48 + (i % 1000)) * HOUR).toISOString();
      item.run(ref, `Item ${i}`, i % 2 ? 'lena' : 'omar', due, due.slice(0, 10), open ? 'open' : 'done', open ? null : 'Done', open ? null : 'lena', open ? null : NOW, NOW, NOW);
    }
  }).immediate();
});
afterAll(() => {
  db.close();
  removeTempDataDir(dir);
});

describe(`action items at ${ITEMS.toLocaleString('en')}`, () => {
  it('a page of the list is a page, overdue first, in well under a second', () => {
    const t0 = performance.now();
    const page = listActionItems(db, { now: NOW, limit: 50 });
    const ms = performance.now() - t0;
    expect(page.total).toBe(ITEMS);
    expect(page.overdue).toBe(OVERDUE);
    expect(page.rows).toHaveLength(50);
    // The most overdue first: item OVERDUE-1 was due longest ago.
    expect(page.rows[0]).toMatchObject({ title: `Item ${OVERDUE - 1}`, overdue: true });
    expect(page.rows.every((r) => r.overdue)).toBe(true);
    const mine = listActionItems(db, { now: NOW, owner: 'lena', overdue: true, offset: 550, limit: 50 });
    expect(mine).toMatchObject({ total: OVERDUE / 2, overdue: OVERDUE / 2, offset: 550 });
    expect(mine.rows).toHaveLength(50);
    expect(ms).toBeLessThan(1_000);
  });

  it('the sweep raises every overdue item once, in batches, and afterwards reads almost nothing', () => {
    const first = raiseActionAlarms(db, NOW);
    expect(first).toHaveLength(OVERDUE);
    expect(new Set(first.map((a) => a.id)).size).toBe(OVERDUE);
    expect(first.every((a) => a.threshold === 0)).toBe(true);
    expect((db.prepare("SELECT count(*) AS n FROM events WHERE type = 'action.alarm'").get() as { n: number }).n).toBe(OVERDUE);

    const t0 = performance.now();
    expect(raiseActionAlarms(db, NOW)).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(200);
    expect(verifyChain(db)).toMatchObject({ ok: true, count: OVERDUE });
  });
});
