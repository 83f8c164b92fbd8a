import { randomUUID } from 'node:crypto';
import { ApiFailure, type Incident, type RunInputValue, type RunView } from '../../contract';
import { isEnvelope, openEnvelope, sealerFor } from '../pii';
import { runbookAnswerField, type Db } from '../store';
import { appendEvent } from '../timeline';
import { getIncident, updateIncident } from '../incidents';
import { buildRunGraph, type RunGraph } from './RunGraph';
import { deriveTransitions, repeatSet } from './deriveTransitions';
import { EVENT_TYPE } from './describeTransition';
import { findRunbook, type RunbookDirs } from './findRunbook';
import { applyTransition, foldRun } from './foldRun';
import { planAction, type Actor, type PlannedAction } from './planAction';
import type { RunState } from './RunState';
import { SYSTEM_ACTOR, type AutoTransition, type Transition, type TransitionBody } from './RunTransition';
import type { RunbookFile } from './runbookSchema';
import { toRunView, type AnswerOpener, type RunRecord } from './toRunView';

interface RunRow {
  id: string;
  incident_ref: string;
  runbook_id: string;
  version: string;
  content_hash: string;
  source: 'built-in' | 'custom';
  definition: string;
  started_at: string;
  started_by: string;
}

interface LoadedRun {
  record: RunRecord;
  graph: RunGraph;
  state: RunState;
}

/** Graphs by content hash: a pinned definition never changes, so every run of it shares one. */
const graphs = new Map<string, { definition: RunbookFile; graph: RunGraph }>();
/** Folded state by run, valid while the run's last transition number is unchanged (another process may have written). */
const states = new WeakMap<Db, Map<string, { lastN: number; state: RunState }>>();

function graphFor(row: RunRow): { definition: RunbookFile; graph: RunGraph } {
  let hit = graphs.get(row.content_hash);
  if (!hit) {
    const definition = JSON.parse(row.definition) as RunbookFile;
    hit = { definition, graph: buildRunGraph(definition) };
    graphs.set(row.content_hash, hit);
  }
  return hit;
}

function loadRun(db: Db, runId: string): LoadedRun {
  const row = db.prepare('SELECT * FROM runbook_runs WHERE id = ?').get(runId) as RunRow | undefined;
  if (!row) throw new ApiFailure('NOT_FOUND', `no runbook run ${runId}`);
  const { definition, graph } = graphFor(row);
  const record: RunRecord = {
    id: row.id, incidentRef: row.incident_ref, runbookId: row.runbook_id, title: definition.title, version: row.version,
    contentHash: row.content_hash, source: row.source, startedAt: row.started_at, startedBy: row.started_by,
  };
  const lastN = (db.prepare('SELECT max(n) AS n FROM runbook_transitions WHERE run_id = ?').get(runId) as { n: number | null }).n ?? -1;
  let perDb = states.get(db);
  if (!perDb) states.set(db, (perDb = new Map<string, { lastN: number; state: RunState }>()));
  const cached = perDb.get(runId);
  if (cached && cached.lastN === lastN) return { record, graph, state: cached.state };
  const rows = db.prepare('SELECT n, event_seq, data FROM runbook_transitions WHERE run_id = ? ORDER BY n').all(runId) as { n: number; event_seq: number; data: string }[];
  const state = foldRun(graph, rows.map((r) => ({ ...(JSON.parse(r.data) as Transition), n: r.n, eventSeq: r.event_seq })));
  perDb.set(runId, { lastN, state });
  return { record, graph, state };
}

/** The transition numbered `n`, searched from the end (a cause is almost always recent). */
function transitionAt(state: RunState, n: number): Transition | undefined {
  for (let i = state.transitions.length - 1; i >= 0; i--) if (state.transitions[i]?.n === n) return state.transitions[i];
  return undefined;
}

/**
 * How a consequence's event names the action it followed from: its transition and event, who did
 * it, and the step it was about (for an undo, the step whose action was undone), so the timeline
 * reads "by system, after alice did “Triage”" without looking anything up.
 */
function causedBy(graph: RunGraph, state: RunState, cause: Transition): Record<string, unknown> {
  const target = cause.t === 'undo' ? transitionAt(state, cause.target) : undefined;
  const step = 'step' in cause ? cause.step : target && 'step' in target ? target.step : undefined;
  const title = step === undefined ? undefined : graph.byId.get(step)?.title;
  return {
    n: cause.n, seq: cause.eventSeq, actor: cause.by, type: EVENT_TYPE[cause.t],
    ...(step !== undefined ? { step } : {}), ...(title !== undefined ? { title } : {}),
  };
}

/**
 * Records transitions: each one an event in the hash chain and a row of the run, in the caller's
 * transaction. What the person does is recorded as theirs; everything that follows from it (given
 * `cause`) as the system's, linked to the person's transition and its event.
 */
class Recorder {
  next: number;
  readonly written: Transition[] = [];
  constructor(private db: Db, private run: RunRecord, private graph: RunGraph, private state: RunState, private by: string, private at: string) {
    this.next = (state.transitions.at(-1)?.n ?? -1) + 1;
  }
  record(body: TransitionBody, cause?: number): Transition {
    const causeTr = cause === undefined ? undefined : transitionAt(this.state, cause);
    if (cause !== undefined && !causeTr) throw new Error(`run ${this.run.id}: transition ${this.next} follows from ${cause}, which is not recorded`);
    const by = cause === undefined ? this.by : SYSTEM_ACTOR;
    const tr: Transition = { ...body, n: this.next++, at: this.at, by, ...(cause !== undefined ? { cause } : {}), eventSeq: 0 };
    const def = 'step' in tr ? this.graph.byId.get(tr.step) : undefined;
    const stepTitle = def?.title;
    // Marked so the timeline can hide the value from roles without pii:read (maskEvent).
    const personal = tr.t === 'done' && def?.kind === 'input' && def.personal === true;
    // Sealed like the incident's personal fields (main/pii): the same envelope in the row and in the
    // event, so the log's hash covers the ciphertext and the file holds no answer in the clear.
    if (personal && tr.t === 'done' && tr.value !== undefined && tr.value !== null) tr.value = this.seal(tr.step, tr.value);
    const { n: _n, at: _at, by: _by, eventSeq: _seq, t: _t, ...detail } = tr;
    const event = appendEvent(this.db, {
      actor: by,
      type: EVENT_TYPE[tr.t],
      incidentRef: this.run.incidentRef,
      ts: this.at,
      data: {
        run: this.run.id, runbook: this.run.runbookId, n: tr.n, ...(stepTitle ? { title: stepTitle } : {}),
        ...(tr.t === 'start' ? { title: this.run.title, version: this.run.version, contentHash: this.run.contentHash, source: this.run.source } : {}), ...detail,
        ...(causeTr ? { automatic: true, causedBy: causedBy(this.graph, this.state, causeTr) } : {}), ...(personal ? { personal: true } : {}),
      },
    });
    tr.eventSeq = event.seq;
    this.db.prepare('INSERT INTO runbook_transitions (run_id, n, event_seq, data) VALUES (?, ?, ?, ?)').run(this.run.id, tr.n, tr.eventSeq, JSON.stringify({ ...tr, eventSeq: undefined }));
    this.state.transitions.push(tr);
    applyTransition(this.graph, this.state, tr);
    this.written.push(tr);
    return tr;
  }
  /** A personal answer as stored: an envelope under the incident's data subject, refused (nothing recorded) where it cannot be. */
  private seal(step: string, value: RunInputValue): RunInputValue {
    let sealer: ReturnType<typeof sealerFor>;
    try {
      sealer = sealerFor(this.db, this.run.incidentRef, this.at);
    } catch (e) {
      if (!(e instanceof ApiFailure)) throw e;
      throw new ApiFailure(e.code, `step "${step}" asks for personal data, which was not recorded: ${e.message}. Skip the step with a reason if the answer cannot be given here`);
    }
    return sealer(runbookAnswerField(this.run.id, step), value) as unknown as RunInputValue;
  }
  /** Automatic consequences of transition `cause`, decided against the incident as it is now. */
  derive(incident: Incident, cause: number): void {
    deriveTransitions(this.graph, this.state, incident, (t: AutoTransition) => this.record(t, cause));
  }
  /** The event data naming transition `n` as the cause of a change made outside the run (an incident field), with the run. */
  causedBy(n: number): Record<string, unknown> {
    const tr = transitionAt(this.state, n);
    if (!tr) throw new Error(`run ${this.run.id} has no transition ${n}`);
    return { run: this.run.id, runbook: this.run.runbookId, ...causedBy(this.graph, this.state, tr) };
  }
}

export interface RunScope {
  db: Db;
  dirs: RunbookDirs;
  now: string;
  /** The caller may see personal data; when false, values of `personal` inputs are hidden. */
  seesPii?: boolean;
}

function newerVersion(dirs: RunbookDirs, run: RunRecord): RunView['newerVersion'] {
  const found = findRunbook(dirs, run.runbookId);
  const current = found.length === 1 ? found[0] : undefined;
  if (!current?.result.ok || current.result.runbook.contentHash === run.contentHash) return null;
  return { version: current.result.runbook.definition.version, contentHash: current.result.runbook.contentHash };
}

function view(scope: RunScope, loaded: LoadedRun): RunView {
  const run = loaded.record.id;
  // Sealed answers opened where this process holds the personal-data key; runs from before
  // migration 0310 whose log did not verify keep plain values in their events only.
  const open: AnswerOpener = (step, value) => (isEnvelope(value) ? openEnvelope(scope.db, value, runbookAnswerField(run, step)) : { ok: true, value }) as ReturnType<AnswerOpener>;
  return toRunView(loaded.record, loaded.graph, loaded.state, scope.now, newerVersion(scope.dirs, loaded.record), scope.seesPii ?? true, open);
}

/**
 * Starts a runbook on an incident: pins its version, content hash and a copy of the file, then
 * makes the first steps available. One active run per runbook per incident.
 */
export function startRun(scope: RunScope, actor: Actor, ref: string, runbookId: string): RunView {
  const { db, now } = scope;
  const found = findRunbook(scope.dirs, runbookId);
  if (found.length === 0) throw new ApiFailure('NOT_FOUND', `no valid runbook with id "${runbookId}" (see runbook list for broken files)`);
  if (found.length > 1) throw new ApiFailure('CONFLICT', `two runbook files use the id "${runbookId}": ${found.map((f) => f.path).join(', ')}; give one another id first`);
  const file = found[0] as (typeof found)[number];
  if (!file.result.ok) throw new Error('findRunbook returned an invalid runbook');
  const { definition, contentHash } = file.result.runbook;
  const id = randomUUID();
  db.transaction(() => {
    const incident = getIncident(db, ref);
    const active = db.prepare('SELECT id FROM runbook_runs WHERE incident_ref = ? AND runbook_id = ? AND completed_at IS NULL').get(ref, runbookId) as { id: string } | undefined;
    if (active) throw new ApiFailure('CONFLICT', `${ref} already has an unfinished run of "${runbookId}" (${active.id})`);
    db.prepare(
      `INSERT INTO runbook_runs (id, incident_ref, runbook_id, version, content_hash, source, file_text, definition, started_at, started_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, ref, runbookId, definition.version, contentHash, file.source, file.text, JSON.stringify(definition), now, actor.user);
    const loaded = loadRun(db, id);
    const rec = new Recorder(db, loaded.record, loaded.graph, loaded.state, actor.user, now);
    const start = rec.record({ t: 'start' });
    // start's own detail is in runbook_runs; the event carries what an auditor needs without it.
    rec.derive(incident, start.n);
    markCompletion(db, loaded);
  }).immediate();
  return view(scope, loadRun(db, id));
}

export function getRun(scope: RunScope, runId: string): RunView {
  return view(scope, loadRun(scope.db, runId));
}

export function listRuns(scope: RunScope, ref: string): RunView[] {
  getIncident(scope.db, ref);
  const ids = scope.db.prepare('SELECT id FROM runbook_runs WHERE incident_ref = ? ORDER BY started_at, id').all(ref) as { id: string }[];
  return ids.map((r) => getRun(scope, r.id));
}

/** The run's own text of the runbook as it was when the run started. */
export function pinnedRunbookText(db: Db, runId: string): string {
  const row = db.prepare('SELECT file_text FROM runbook_runs WHERE id = ?').get(runId) as { file_text: string } | undefined;
  if (!row) throw new ApiFailure('NOT_FOUND', `no runbook run ${runId}`);
  return row.file_text;
}

function markCompletion(db: Db, loaded: LoadedRun): void {
  db.prepare('UPDATE runbook_runs SET completed_at = ? WHERE id = ?').run(loaded.state.completedAt, loaded.record.id);
}

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * One thing a person does in a run. Checked against the state inside the write transaction (so
 * two people acting at once are serialised), recorded with everything that follows from it.
 */
export function actOnRun(scope: RunScope, actor: Actor, runId: string, action: PlannedAction): RunView {
  const { db, now } = scope;
  const after = db.transaction((): RunState => {
    const loaded = loadRun(db, runId);
    // The cached state is about to change; drop it so a failed transaction cannot leave it ahead of the database.
    states.get(db)?.delete(runId);
    const { record, graph, state } = loaded;
    const ref = record.incidentRef;
    const evidenceExists = (id: string) => db.prepare('SELECT 1 FROM evidence WHERE id = ? AND incident_ref = ?').get(id, ref) !== undefined;
    const planned = planAction(graph, state, action, actor, evidenceExists);
    const rec = new Recorder(db, record, graph, state, actor.user, now);

    if (planned.t === 'undo') {
      const target = transitionAt(state, planned.target);
      const undo = rec.record(planned);
      // An input that wrote an incident field gives the old value back, unless someone changed the
      // field since: a consequence of the undo, so the system's, naming the undo.
      if (target?.t === 'done' && target.wrote) {
        const field = target.wrote.field as keyof Incident;
        if (sameValue(getIncident(db, ref)[field], target.wrote.after)) {
          updateIncident(db, SYSTEM_ACTOR, ref, { [field]: target.wrote.before }, now, { causedBy: rec.causedBy(undo.n) });
        }
      }
      // Replayed without the undone transition and what followed from it; whatever follows from the
      // state it returns to is again the system's, caused by the undo. (In practice nothing does: the
      // state before any action was already settled. Derived anyway, so the rules hold by construction.)
      const fresh = foldRun(graph, state.transitions);
      new Recorder(db, record, graph, fresh, actor.user, now).derive(getIncident(db, ref), undo.n);
      db.prepare('UPDATE runbook_runs SET completed_at = ? WHERE id = ?').run(fresh.completedAt, runId);
      return fresh;
    }

    let body = planned;
    const def = 'step' in planned ? graph.byId.get(planned.step) : undefined;
    if (planned.t === 'done' && def?.kind === 'input' && def.writes !== undefined && planned.value !== undefined) {
      const before = getIncident(db, ref)[def.writes];
      updateIncident(db, actor.user, ref, { [def.writes]: planned.value }, now);
      body = { ...planned, wrote: { field: def.writes, before, after: planned.value } };
    }
    const done = rec.record(body);
    if (planned.t === 'done' && def?.kind === 'decision') {
      const answer = def.answers.find((a) => a.value === planned.answer);
      if (answer?.repeatFrom !== undefined) {
        rec.record({ t: 'repeat', decision: def.id, from: answer.repeatFrom, steps: repeatSet(graph, state, def.id, answer.repeatFrom) }, done.n);
      }
    }
    if (planned.t !== 'note' && planned.t !== 'tick') rec.derive(getIncident(db, ref), done.n);
    markCompletion(db, loaded);
    return state;
  }).immediate();
  // Committed: the state built while recording is the run's state now.
  states.get(db)?.set(runId, { lastN: after.transitions.at(-1)?.n ?? -1, state: after });
  return getRun(scope, runId);
}

/** A step's timing in a run, as the KPIs read it (time in step: available to finished, summed over passes). */
export interface RunStepTime {
  id: string;
  title: string;
  picerl: string;
  state: string;
  availableAt: string | null;
  finishedAt: string | null;
  seconds: number;
}

/** Every step of a run with its state and times, from the replayed transitions (undone ones left out). */
export function runStepTimes(db: Db, runId: string): { runbookId: string; title: string; steps: RunStepTime[] } {
  const { record, graph, state } = loadRun(db, runId);
  return {
    runbookId: record.runbookId,
    title: record.title,
    steps: graph.steps.map((s) => {
      const st = state.steps.get(s.id);
      return {
        id: s.id, title: s.title, picerl: s.phase.picerl, state: st?.state ?? 'pending',
        availableAt: st?.availableAt ?? null, finishedAt: st?.finishedAt ?? null, seconds: st?.seconds ?? 0,
      };
    }),
  };
}
