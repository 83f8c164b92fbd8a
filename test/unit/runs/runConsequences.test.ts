import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type RunAction, type RunView, type TimelineEvent } from '../../../contract';
import { appendEvent } from '../../../main/timeline';
import type { TestClient } from '../../helpers/client';
import { exportKey, withRawDb, type RawDb } from '../../helpers/rawDb';
import { createTestVault, type TestVault } from '../../helpers/testVault';
import { ENGINE_RUNBOOK } from './engineRunbook';

/**
 * Who did what in a run (issue 11 §7): what a person does is theirs; everything the engine decides
 * from it — a step becoming available, not applicable or not taken, a loop repeating, the run
 * completing, an incident field given back on undo — is recorded by `system`, linked to the
 * person's transition and its event, in the run's rows, in the hash chain and in the run view.
 */

let v: TestVault;
let rita: TestClient;
let mona: TestClient;
let mike: TestClient;
let keyHex: string;
let ref: string;
let run: RunView;

beforeAll(async () => {
  v = await createTestVault();
  rita = await v.addUser('rita', 'responder');
  mona = await v.addUser('mona', 'manager');
  mike = await v.addUser('mike', 'manager');
  await v.admin.call('runbooks.import', { name: 'engine-test.yaml', text: ENGINE_RUNBOOK() });
  keyHex = await exportKey(v.admin);
});
afterAll(() => v.dispose());

beforeEach(async () => {
  ref = (await v.admin.call('incidents.create', { title: 'Who did what', severity: 'SEV3', category: 'other' })).ref;
  v.clock.advance(60_000);
  run = await rita.call('runs.start', { ref, runbookId: 'engine-test' });
});

const act = (action: RunAction, who: TestClient = rita, runId = run.id) => who.call('runs.act', { runId, action });
const step = (r: RunView, id: string) => {
  const s = r.steps.find((x) => x.definition.id === id);
  if (!s) throw new Error(`no step ${id}`);
  return s;
};
const events = (onRef = ref): Promise<TimelineEvent[]> => v.admin.call('timeline.forIncident', { ref: onRef });
const runEvents = async (runId = run.id) => (await events()).filter((e) => e.type.startsWith('runbook.') && e.data.run === runId);

interface Row { n: number; event_seq: number; data: string }
/** The run's append-only transition table, read with standard SQLCipher tooling. */
const rows = (runId = run.id): (Record<string, unknown> & { n: number; eventSeq: number })[] =>
  withRawDb(v.dataDir, keyHex, (db) => (db.prepare('SELECT n, event_seq, data FROM runbook_transitions WHERE run_id = ? ORDER BY n').all(runId) as Row[])
    .map((r) => ({ ...(JSON.parse(r.data) as Record<string, unknown>), n: r.n, eventSeq: r.event_seq })));

async function throughChecklist(kind: 'small' | 'big' = 'small'): Promise<RunView> {
  await act({ type: 'done', step: 'triage' });
  await act({ type: 'done', step: 'kind', value: kind });
  return act({ type: 'done', step: 'list', items: [0, 1, 2] });
}

describe('consequences are the system\'s, linked to the action they followed from', () => {
  it('starting: the person starts the run; the first steps become available by system, after the start', async () => {
    const [started, ...rest] = await runEvents();
    expect(started).toMatchObject({ type: 'runbook.started', actor: 'rita' });
    expect(rest.map((e) => [e.type, e.actor, e.data.step])).toEqual([
      ['runbook.step_available', SYSTEM_ACTOR, 'clock-start'],
      ['runbook.step_available', SYSTEM_ACTOR, 'triage'],
    ]);
    for (const e of rest) {
      expect(e.data).toMatchObject({ automatic: true, cause: 0, causedBy: { n: 0, seq: started?.seq, actor: 'rita', type: 'runbook.started' } });
    }
    const table = rows();
    expect(table.map((r) => [r.n, r.t, r.by, r.cause])).toEqual([[0, 'start', 'rita', undefined], [1, 'available', SYSTEM_ACTOR, 0], [2, 'available', SYSTEM_ACTOR, 0]]);
    expect(step(run, 'triage').cause).toEqual({ n: 0, eventSeq: started?.seq, by: 'rita', text: 'started the run' });
    expect(run.history.map((h) => [h.kind, h.by, h.cause])).toEqual([['start', 'rita', null]]);
  });

  it('a step done: "can be done now" and "does not apply" are by system, after the person\'s transition and event', async () => {
    const r = await act({ type: 'done', step: 'triage' });
    const done = r.history.find((h) => h.kind === 'done' && h.step === 'triage');
    expect(done).toMatchObject({ by: 'rita', cause: null });
    const link = { n: done?.n, eventSeq: done?.eventSeq, by: 'rita', text: 'did "triage"' };
    expect(step(r, 'kind')).toMatchObject({ state: 'available', cause: link });
    expect(step(r, 'list')).toMatchObject({ state: 'available', cause: link });
    expect(step(r, 'sev1-only')).toMatchObject({ state: 'not-applicable', finishedBy: SYSTEM_ACTOR, cause: link, reason: 'severity SEV3 is not SEV1 or worse' });
    expect(r.history.find((h) => h.kind === 'not-applicable')).toMatchObject({ by: SYSTEM_ACTOR, step: 'sev1-only', cause: link });
    // The person's own step carries no cause; they finished it.
    expect(step(r, 'triage')).toMatchObject({ state: 'done', finishedBy: 'rita', cause: null });

    const after = (await runEvents()).filter((e) => e.seq > (done?.eventSeq ?? 0));
    expect(after.map((e) => [e.type, e.actor, e.data.step])).toEqual([
      ['runbook.step_available', SYSTEM_ACTOR, 'kind'],
      ['runbook.step_not_applicable', SYSTEM_ACTOR, 'sev1-only'],
      ['runbook.step_available', SYSTEM_ACTOR, 'list'],
    ]);
    for (const e of after) {
      expect(e.data.causedBy).toEqual({ n: done?.n, seq: done?.eventSeq, actor: 'rita', type: 'runbook.step_done', step: 'triage', title: 'Triage' });
    }
    expect(rows().filter((row) => (row.n) > (done?.n ?? 0)).map((row) => [row.t, row.by, row.cause])).toEqual([
      ['available', SYSTEM_ACTOR, done?.n], ['not-applicable', SYSTEM_ACTOR, done?.n], ['available', SYSTEM_ACTOR, done?.n],
    ]);
  });

  it('a decision: the branch not chosen is not taken by system, after the answer', async () => {
    await throughChecklist();
    const r = await act({ type: 'done', step: 'choose', answer: 'left' });
    const answer = r.history.find((h) => h.kind === 'done' && h.step === 'choose');
    expect(answer?.by).toBe('rita');
    expect(step(r, 'right-step')).toMatchObject({
      state: 'not-taken', finishedBy: SYSTEM_ACTOR, cause: { n: answer?.n, eventSeq: answer?.eventSeq, by: 'rita', text: 'did "choose"' },
    });
    expect(r.history.find((h) => h.kind === 'not-taken')).toMatchObject({ by: SYSTEM_ACTOR, step: 'right-step', cause: { n: answer?.n, by: 'rita' } });
    const notTaken = (await runEvents()).find((e) => e.type === 'runbook.step_not_taken');
    expect(notTaken).toMatchObject({ actor: SYSTEM_ACTOR, data: { step: 'right-step', causedBy: { actor: 'rita', seq: answer?.eventSeq, type: 'runbook.step_done', step: 'choose' } } });
  });

  it('a loop repeats by system after the answer that asked for it; the steps sent back carry that cause', async () => {
    await throughChecklist();
    await act({ type: 'done', step: 'choose', answer: 'left' });
    await act({ type: 'done', step: 'left-step' });
    await mona.call('runs.approve', { runId: run.id, step: 'join' });
    const approved = await mike.call('runs.approve', { runId: run.id, step: 'join' });
    // The second approval finished the step: what it made available names mike, not mona or rita.
    expect(step(approved, 'count').cause).toMatchObject({ by: 'mike', text: 'approved "join"' });
    await act({ type: 'done', step: 'count', value: 'DE=1' });
    const r = await act({ type: 'done', step: 'check', answer: 'no' });
    const answer = r.history.find((h) => h.kind === 'done' && h.step === 'check');
    const repeat = r.history.find((h) => h.kind === 'repeat');
    expect(repeat).toMatchObject({ by: SYSTEM_ACTOR, cause: { n: answer?.n, by: 'rita', text: 'did "check"' } });
    expect(step(r, 'check')).toMatchObject({ state: 'pending', pass: 2, cause: { n: answer?.n } });
    expect(step(r, 'count')).toMatchObject({ state: 'available', pass: 2, cause: { n: answer?.n } });
    expect((await runEvents()).find((e) => e.type === 'runbook.steps_repeated')).toMatchObject({ actor: SYSTEM_ACTOR, data: { causedBy: { actor: 'rita', step: 'check' } } });
  });

  it('the run completes by system, after the last step', async () => {
    await act({ type: 'done', step: 'clock-start' });
    await throughChecklist();
    await act({ type: 'done', step: 'choose', answer: 'left' });
    await act({ type: 'done', step: 'left-step' });
    await mona.call('runs.approve', { runId: run.id, step: 'join' });
    await mike.call('runs.approve', { runId: run.id, step: 'join' });
    await act({ type: 'done', step: 'count', value: 'DE=1' });
    await act({ type: 'done', step: 'check', answer: 'yes' });
    const r = await act({ type: 'done', step: 'clock-stop' }, v.admin);
    const last = r.history.find((h) => h.kind === 'done' && h.step === 'clock-stop');
    expect(last?.by).toBe('admin');
    expect(r.history.at(-1)).toMatchObject({ kind: 'complete', by: SYSTEM_ACTOR, cause: { n: last?.n, by: 'admin', text: 'did "clock-stop"' } });
    expect((await runEvents()).at(-1)).toMatchObject({ type: 'runbook.completed', actor: SYSTEM_ACTOR, data: { causedBy: { actor: 'admin', seq: last?.eventSeq } } });
    expect((await v.admin.call('log.verify', {})).ok).toBe(true);
  });

  it('a person\'s action is never recorded as the system\'s, and the system never does what only a person does', async () => {
    await throughChecklist();
    await act({ type: 'skip', step: 'choose', reason: 'both ways closed' });
    const r = await act({ type: 'note', step: 'join', text: 'call the managers' });
    const table = rows();
    for (const row of table) {
      const person = ['start', 'done', 'skip', 'tick', 'approve', 'note', 'undo'].includes(row.t as string);
      expect([row.t, row.by === SYSTEM_ACTOR]).toEqual([row.t, !person]);
      expect([row.t, row.cause === undefined]).toEqual([row.t, person]);
    }
    for (const h of r.history) expect([h.kind, h.cause === null]).toEqual([h.kind, h.by !== SYSTEM_ACTOR]);
    for (const e of await runEvents()) expect([e.type, e.actor === SYSTEM_ACTOR]).toEqual([e.type, e.data.causedBy !== undefined]);
  });

  it('a personal input names its cause without the value', async () => {
    const bec = (await v.admin.call('incidents.create', { title: 'CFO mailbox', severity: 'SEV2', category: 'business-email-compromise' })).ref;
    const started = await rita.call('runs.start', { ref: bec, runbookId: 'business-email-compromise' });
    const r = await act({ type: 'done', step: 'mailbox', value: 'cfo@example.com' }, rita, started.id);
    const caused = r.steps.filter((s) => s.cause?.text === 'did "mailbox"');
    expect(caused.length).toBeGreaterThan(0);
    const forManager = await mona.call('runs.get', { runId: started.id });
    expect(JSON.stringify(forManager)).not.toContain('cfo@example.com');
    expect(JSON.stringify((await mona.call('timeline.forIncident', { ref: bec })).filter((e) => e.actor === SYSTEM_ACTOR))).not.toContain('cfo@example.com');
  });
});

describe('undo', () => {
  it('undoing an action undoes its consequences; the undo is the person\'s and names what it reverted', async () => {
    await act({ type: 'done', step: 'triage' });
    let r = await act({ type: 'done', step: 'kind', value: 'small' });
    const kind = r.history.find((h) => h.kind === 'done' && h.step === 'kind');
    expect(step(r, 'big-only')).toMatchObject({ state: 'not-applicable', cause: { n: kind?.n } });
    r = await act({ type: 'undo', reason: 'it is a big one' }, v.admin);
    expect(r.history.at(-1)).toMatchObject({ kind: 'undo', by: 'admin', cause: null });
    // The consequences of the undone action are undone with it, still attributed to system.
    expect(r.history.find((h) => h.kind === 'not-applicable' && h.step === 'big-only')).toMatchObject({ by: SYSTEM_ACTOR, undone: true, cause: { n: kind?.n, by: 'rita' } });
    expect(step(r, 'big-only')).toMatchObject({ state: 'pending', cause: null, finishedBy: null });
    // kind is available again, as the consequence of triage it was before.
    const triage = r.history.find((h) => h.kind === 'done' && h.step === 'triage');
    expect(step(r, 'kind')).toMatchObject({ state: 'available', cause: { n: triage?.n, by: 'rita' } });
    // The undo event is the person's; nothing after it is attributed to them.
    const undoEvent = (await runEvents()).at(-1);
    expect(undoEvent).toMatchObject({ type: 'runbook.step_undone', actor: 'admin', data: { target: kind?.n } });
  });

  it('the incident field an undone input wrote is given back by system, naming the undo', async () => {
    await throughChecklist();
    await act({ type: 'done', step: 'choose', answer: 'left' });
    await act({ type: 'done', step: 'left-step' });
    await mona.call('runs.approve', { runId: run.id, step: 'join' });
    await mike.call('runs.approve', { runId: run.id, step: 'join' });
    await act({ type: 'done', step: 'count', value: 'FR=3' });
    const written = (await events()).filter((e) => e.type === 'incident.updated').at(-1);
    // Giving the value is the person's own edit of the incident (it needs incident:write).
    expect(written).toMatchObject({ actor: 'rita', data: { changes: [{ field: 'affected', after: [{ jurisdiction: 'FR', count: 3 }] }] } });
    expect(written?.data.causedBy).toBeUndefined();

    const r = await act({ type: 'undo', reason: 'wrong country' }, v.admin);
    const undo = r.history.at(-1);
    const restored = (await events()).filter((e) => e.type === 'incident.updated').at(-1);
    expect(restored).toMatchObject({
      actor: SYSTEM_ACTOR,
      data: {
        changes: [{ field: 'affected', before: [{ jurisdiction: 'FR', count: 3 }], after: [] }],
        causedBy: { run: run.id, runbook: 'engine-test', n: undo?.n, seq: undo?.eventSeq, actor: 'admin', type: 'runbook.step_undone', step: 'count', title: 'People affected' },
      },
    });
    expect(restored?.seq).toBeGreaterThan(undo?.eventSeq ?? Infinity);
    expect((await v.admin.call('incidents.get', { ref })).affected).toEqual([]);
  });
});

/**
 * What the engine wrote before consequences were attributed to `system` (up to commit be737cb):
 * the same rows and events, but the acting person's name on every consequence and no `causedBy`
 * in the events. Written here into the real database, with appendEvent, from a run recorded now.
 */
function writeLegacyCopy(db: RawDb, fromRunId: string, toRef: string): string {
  const id = randomUUID();
  const source = db.prepare('SELECT * FROM runbook_runs WHERE id = ?').get(fromRunId) as Record<string, unknown>;
  db.prepare(`INSERT INTO runbook_runs (id, incident_ref, runbook_id, version, content_hash, source, file_text, definition, started_at, started_by, completed_at)
    VALUES (@id, @incident_ref, @runbook_id, @version, @content_hash, @source, @file_text, @definition, @started_at, @started_by, @completed_at)`).run({ ...source, id, incident_ref: toRef });
  const byN = new Map<number, string>();
  const transitions = db.prepare('SELECT n, event_seq, data FROM runbook_transitions WHERE run_id = ? ORDER BY n').all(fromRunId) as Row[];
  db.transaction(() => {
    for (const t of transitions) {
      const tr = JSON.parse(t.data) as { n: number; by: string; cause?: number };
      const by = tr.cause === undefined ? tr.by : (byN.get(tr.cause) ?? '?');
      byN.set(tr.n, by);
      const event = db.prepare('SELECT type, ts, data FROM events WHERE seq = ?').get(t.event_seq) as { type: string; ts: string; data: string };
      const { causedBy: _dropped, ...data } = JSON.parse(event.data) as Record<string, unknown>;
      const written = appendEvent(db, { actor: by, type: event.type, incidentRef: toRef, ts: event.ts, data: { ...data, run: id } });
      db.prepare('INSERT INTO runbook_transitions (run_id, n, event_seq, data) VALUES (?, ?, ?, ?)').run(id, tr.n, written.seq, JSON.stringify({ ...tr, by }));
    }
  })();
  return id;
}

describe('runs recorded before consequences were the system\'s', () => {
  it('replay and display as they were recorded; new actions on them are attributed as now; undo reaches back into them', async () => {
    await act({ type: 'done', step: 'triage' });
    await act({ type: 'done', step: 'kind', value: 'small' });
    await act({ type: 'done', step: 'list', items: [0, 1, 2] });
    const source = await act({ type: 'done', step: 'choose', answer: 'left' });
    const oldRef = (await v.admin.call('incidents.create', { title: 'Recorded last year', severity: 'SEV3', category: 'other' })).ref;
    const legacyId = withRawDb(v.dataDir, keyHex, (db) => writeLegacyCopy(db, run.id, oldRef));
    expect((await v.admin.call('log.verify', {})).ok).toBe(true);

    const legacy = await mona.call('runs.get', { runId: legacyId });
    // Same states, same reasons; the person's name stays on the old consequences and no link is invented.
    expect(legacy.steps.map((s) => [s.definition.id, s.state, s.reason, s.pass])).toEqual(source.steps.map((s) => [s.definition.id, s.state, s.reason, s.pass]));
    expect(legacy.history.map((h) => [h.kind, h.by, h.cause])).toEqual(source.history.map((h) => [h.kind, 'rita', null]));
    expect(step(legacy, 'right-step')).toMatchObject({ state: 'not-taken', finishedBy: null, cause: null });
    expect(legacy.steps.every((s) => s.cause === null)).toBe(true);
    const oldEvents = (await events(oldRef)).filter((e) => e.type.startsWith('runbook.'));
    expect(oldEvents.every((e) => e.actor === 'rita' && e.data.causedBy === undefined)).toBe(true);

    // Acting on it now: the new consequences are the system's, linked.
    const after = await act({ type: 'done', step: 'left-step' }, rita, legacyId);
    const mine = after.history.at(-1);
    expect(mine).toMatchObject({ kind: 'done', by: 'rita', step: 'left-step', cause: null });
    expect(step(after, 'join')).toMatchObject({ state: 'available', cause: { n: mine?.n, by: 'rita' } });
    expect((await events(oldRef)).at(-1)).toMatchObject({ type: 'runbook.step_available', actor: SYSTEM_ACTOR, data: { step: 'join', causedBy: { n: mine?.n, actor: 'rita' } } });

    // Undo the new action, then an old one: its old consequences are undone with it.
    await act({ type: 'undo', reason: 'not yet' }, rita, legacyId);
    const back = await act({ type: 'undo', reason: 'wrong way' }, rita, legacyId);
    expect(step(back, 'choose').state).toBe('available');
    expect(step(back, 'right-step')).toMatchObject({ state: 'pending', cause: null });
    expect(back.history.find((h) => h.kind === 'not-taken')).toMatchObject({ by: 'rita', undone: true, cause: null });
    // The old rows were never rewritten.
    const table = rows(legacyId);
    expect(table.filter((r) => r.cause !== undefined && r.by !== SYSTEM_ACTOR).length).toBeGreaterThan(5);
    expect(table.filter((r) => r.n < (mine?.n ?? 0)).every((r) => r.by === 'rita')).toBe(true);
    expect((await v.admin.call('log.verify', {})).ok).toBe(true);
  });
});
