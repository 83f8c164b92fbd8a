import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunAction, RunView, StepState } from '../../../contract';
import { expectFailure, type TestClient } from '../../helpers/client';
import { createTestVault, type TestVault } from '../../helpers/testVault';
import { ENGINE_RUNBOOK } from './engineRunbook';

let v: TestVault;
let responder: TestClient;
let manager1: TestClient;
let manager2: TestClient;
let ref: string;
let run: RunView;

beforeAll(async () => {
  v = await createTestVault();
  responder = await v.addUser('rita', 'responder');
  manager1 = await v.addUser('mona', 'manager');
  manager2 = await v.addUser('mike', 'manager');
  await v.admin.call('runbooks.import', { name: 'engine-test.yaml', text: ENGINE_RUNBOOK() });
});
afterAll(() => v.dispose());

beforeEach(async () => {
  ref = (await v.admin.call('incidents.create', { title: 'Engine target', severity: 'SEV3', category: 'other' })).ref;
  run = await responder.call('runs.start', { ref, runbookId: 'engine-test' });
});

const states = (r: RunView): Record<string, StepState> => Object.fromEntries(r.steps.map((s) => [s.definition.id, s.state]));
const step = (r: RunView, id: string) => {
  const s = r.steps.find((x) => x.definition.id === id);
  if (!s) throw new Error(`no step ${id}`);
  return s;
};
const act = (action: RunAction, who: TestClient = responder) => who.call('runs.act', { runId: run.id, action });
const tryAct = (action: RunAction, who: TestClient = responder) => who.attempt('runs.act', { runId: run.id, action });
const head = async () => (await v.admin.call('log.verify', {})).head;

/** Walks the run to the decision "choose". */
async function throughChecklist(kind: 'small' | 'big' = 'small'): Promise<RunView> {
  await act({ type: 'done', step: 'triage' });
  await act({ type: 'done', step: 'kind', value: kind });
  return act({ type: 'done', step: 'list', items: [0, 1, 2] });
}

describe('starting a run', () => {
  it('pins the runbook version and content hash and makes the first steps available', async () => {
    const listed = (await v.admin.call('runbooks.list', {})).find((r) => r.id === 'engine-test');
    expect(run).toMatchObject({ incidentRef: ref, runbookId: 'engine-test', version: '1.0.0', contentHash: listed?.contentHash, source: 'custom', startedBy: 'rita', completedAt: null });
    expect(states(run)).toMatchObject({ 'clock-start': 'available', triage: 'available', kind: 'pending', 'big-only': 'pending', list: 'pending', 'left-step': 'pending' });
    expect(step(run, 'kind').blockedBy).toEqual(['waits for "triage"']);
    expect(step(run, 'big-only').blockedBy).toEqual(['waits for "kind"']);
    expect(step(run, 'left-step').blockedBy).toEqual(['waits for decision "choose" to choose this branch']);
    expect(run.currentPhase).toEqual({ csf: 'Detect', picerl: 'Identification' });
    const events = await v.admin.call('timeline.forIncident', { ref });
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['runbook.started', 'runbook.step_available']));
    expect(events.find((e) => e.type === 'runbook.started')?.data).toMatchObject({ run: run.id, runbook: 'engine-test', title: 'Engine test', version: '1.0.0', contentHash: run.contentHash, source: 'custom' });
  });

  it('refuses a second unfinished run of the same runbook, an unknown runbook and an unknown incident', async () => {
    expect(expectFailure(await responder.attempt('runs.start', { ref, runbookId: 'engine-test' }), 'CONFLICT').message).toContain('already has an unfinished run');
    expectFailure(await responder.attempt('runs.start', { ref, runbookId: 'no-such-runbook' }), 'NOT_FOUND');
    expectFailure(await responder.attempt('runs.start', { ref: 'IR-2026-9999', runbookId: 'engine-test' }), 'NOT_FOUND');
  });

  it('suggests runbooks for the incident, its category first, and marks the running one', async () => {
    const ransomRef = (await v.admin.call('incidents.create', { title: 'Encrypted shares', severity: 'SEV1', category: 'ransomware' })).ref;
    const suggested = await responder.call('runbooks.suggest', { ref: ransomRef });
    expect(suggested[0]).toMatchObject({ id: 'ransomware', matchesCategory: true, matchesSeverity: true, running: false });
    expect(suggested.filter((s) => s.matchesCategory).every((s, i) => suggested[i]?.matchesCategory)).toBe(true);
    expect((await responder.call('runbooks.suggest', { ref })).find((s) => s.id === 'engine-test')).toMatchObject({ matchesCategory: true, running: true });
  });
});

describe('prerequisites and conditions', () => {
  it('refuses a step whose prerequisites are not finished, saying what it waits for, and records nothing', async () => {
    const before = await head();
    const err = expectFailure(await tryAct({ type: 'done', step: 'kind', value: 'small' }), 'CONFLICT');
    expect(err.message).toBe('step "kind" cannot be done yet: waits for "triage"');
    expect(await head()).toEqual(before);
  });

  it('evaluates when: once, when the step becomes available — severity and earlier inputs', async () => {
    const r = await throughChecklist('small');
    expect(step(r, 'sev1-only')).toMatchObject({ state: 'not-applicable', reason: 'severity SEV3 is not SEV1 or worse' });
    expect(step(r, 'big-only')).toMatchObject({ state: 'not-applicable', reason: 'input "kind" is "small", not "big"' });
    expect((await v.admin.call('timeline.forIncident', { ref })).filter((e) => e.type === 'runbook.step_not_applicable')).toHaveLength(2);
  });

  it('a condition that holds makes the step available', async () => {
    await v.admin.call('incidents.update', { ref, patch: { severity: 'SEV1' } });
    const r = await throughChecklist('big');
    expect(states(r)).toMatchObject({ 'sev1-only': 'available', 'big-only': 'available' });
  });

  it('an input value is checked against its type', async () => {
    await act({ type: 'done', step: 'triage' });
    expect(expectFailure(await tryAct({ type: 'done', step: 'kind', value: 'medium' }), 'VALIDATION').message).toContain('expected one of small, big');
    expectFailure(await tryAct({ type: 'done', step: 'kind' }), 'VALIDATION');
    expectFailure(await tryAct({ type: 'done', step: 'triage', answer: 'yes' }), 'CONFLICT');
  });
});

describe('checklists, decisions and branches', () => {
  it('a checklist needs every item ticked; ticks are kept one by one', async () => {
    await act({ type: 'done', step: 'triage' });
    expect(expectFailure(await tryAct({ type: 'done', step: 'list', items: [0] }), 'VALIDATION').message).toContain('1 of 3 ticked (missing: 2, 3)');
    await act({ type: 'tick', step: 'list', item: 1, checked: true });
    let r = await act({ type: 'tick', step: 'list', item: 2, checked: true });
    expect(step(r, 'list').ticked).toEqual([1, 2]);
    r = await act({ type: 'done', step: 'list', items: [0] });
    expect(step(r, 'list')).toMatchObject({ state: 'done', finishedBy: 'rita', ticked: [0, 1, 2] });
  });

  it('the branch not chosen is not taken, and a join after the branch proceeds', async () => {
    await throughChecklist();
    expectFailure(await tryAct({ type: 'done', step: 'choose', answer: 'up' }), 'VALIDATION');
    const r = await act({ type: 'done', step: 'choose', answer: 'left' });
    expect(step(r, 'right-step')).toMatchObject({ state: 'not-taken', reason: 'a branch nobody chose: "choose" was answered "left"' });
    expect(states(r)).toMatchObject({ 'left-step': 'available', join: 'pending' });
    expect(step(r, 'join').blockedBy).toEqual(['waits for "left-step"']);
    expect(states(await act({ type: 'done', step: 'left-step' }))).toMatchObject({ join: 'available' });
  });

  it('an evidence step needs its number of files, from this incident', async () => {
    await throughChecklist();
    await act({ type: 'done', step: 'choose', answer: 'right' });
    const add = async (name: string, onRef = ref) => (await responder.call('evidence.add', { ref: onRef, name, dataBase64: Buffer.from(name).toString('base64') })).id;
    const a = await add('a.png');
    expect(expectFailure(await tryAct({ type: 'done', step: 'right-step' }), 'VALIDATION').message).toContain('needs 2 evidence file(s)');
    expect(expectFailure(await tryAct({ type: 'done', step: 'right-step', evidence: [a, a] }), 'VALIDATION').message).toContain('1 given');
    const other = (await v.admin.call('incidents.create', { title: 'Elsewhere', severity: 'SEV4', category: 'other' })).ref;
    const foreign = await add('other.png', other);
    expect(expectFailure(await tryAct({ type: 'done', step: 'right-step', evidence: [a, foreign] }), 'VALIDATION').message).toContain('on this incident');
    const b = await add('b.png');
    const r = await act({ type: 'done', step: 'right-step', evidence: [a, b] });
    expect(step(r, 'right-step')).toMatchObject({ state: 'done', evidence: [a, b] });
    expect(step(r, 'left-step').state).toBe('not-taken');
  });
});

describe('approvals', () => {
  beforeEach(async () => {
    await throughChecklist();
    await act({ type: 'done', step: 'choose', answer: 'left' });
    await act({ type: 'done', step: 'left-step' });
  });

  it('by the role the step names, and by two different people', async () => {
    const err = expectFailure(await responder.attempt('runs.approve', { runId: run.id, step: 'join' }), 'FORBIDDEN');
    expect(err.message).toBe('step "join" must be approved by a manager; you are signed in as responder');
    let r = await manager1.call('runs.approve', { runId: run.id, step: 'join', note: 'restore point checked' });
    expect(step(r, 'join')).toMatchObject({ state: 'available', approvals: [{ by: 'mona', note: 'restore point checked' }] });
    const before = await head();
    expect(expectFailure(await manager1.attempt('runs.approve', { runId: run.id, step: 'join' }), 'CONFLICT').message).toContain('a second, different person');
    expect(await head()).toEqual(before);
    r = await manager2.call('runs.approve', { runId: run.id, step: 'join' });
    expect(step(r, 'join')).toMatchObject({ state: 'done', finishedBy: 'mike' });
    expect(step(r, 'join').approvals.map((a) => a.by)).toEqual(['mona', 'mike']);
    expect(states(r).count).toBe('available');
  });

  it('managers may approve but not do steps', async () => {
    expectFailure(await manager1.attempt('runs.act', { runId: run.id, action: { type: 'done', step: 'left-step' } }), 'FORBIDDEN');
  });
});

describe('inputs that write the incident, loops, timers and completion', () => {
  async function toCount(): Promise<void> {
    await throughChecklist();
    await act({ type: 'done', step: 'choose', answer: 'left' });
    await act({ type: 'done', step: 'left-step' });
    await manager1.call('runs.approve', { runId: run.id, step: 'join' });
    await manager2.call('runs.approve', { runId: run.id, step: 'join' });
  }

  it('an input with writes: changes the incident field, as an incident event', async () => {
    await toCount();
    await act({ type: 'done', step: 'count', value: 'DE=120,US-CA=40' });
    expect((await v.admin.call('incidents.get', { ref })).affected).toEqual([{ jurisdiction: 'DE', count: 120 }, { jurisdiction: 'US-CA', count: 40 }]);
    const updated = (await v.admin.call('timeline.forIncident', { ref })).filter((e) => e.type === 'incident.updated');
    expect(updated.at(-1)?.data).toMatchObject({ changes: [{ field: 'affected', before: [] }] });
  });

  it('repeatFrom starts a new pass of the loop; earlier completions stay in the history', async () => {
    await toCount();
    await act({ type: 'done', step: 'count', value: 'DE=1' });
    let r = await act({ type: 'done', step: 'check', answer: 'no', note: 'DE was 10' });
    expect(step(r, 'count')).toMatchObject({ state: 'available', pass: 2 });
    expect(step(r, 'check')).toMatchObject({ state: 'pending', pass: 2 });
    expect(states(r)['clock-stop']).toBe('pending');
    expect(r.history.filter((h) => h.step === 'count' && h.kind === 'done')).toHaveLength(1);
    await act({ type: 'done', step: 'count', value: 'DE=10' });
    r = await act({ type: 'done', step: 'check', answer: 'yes' });
    expect(states(r)['clock-stop']).toBe('available');
    expect(r.history.filter((h) => h.step === 'check' && h.kind === 'done')).toHaveLength(2);
  });

  it('timers start and stop a named clock with its deadline and reminder; the run completes', async () => {
    const started = v.clock.iso();
    let r = await act({ type: 'done', step: 'clock-start' });
    expect(r.clocks).toEqual([{ name: 'c', startedAt: started, startedBy: 'rita', stoppedAt: null, dueAt: new Date(v.clock.ms + 2 * 3600_000).toISOString(), remindEverySeconds: 1800 }]);
    await toCount();
    await act({ type: 'done', step: 'count', value: 'DE=10' });
    await act({ type: 'done', step: 'check', answer: 'yes' });
    v.clock.advance(90 * 60_000);
    r = await act({ type: 'done', step: 'clock-stop' });
    expect(r.clocks[0]?.stoppedAt).toBe(v.clock.iso());
    expect(r.completedAt).toBe(v.clock.iso());
    expect(r.steps.every((s) => ['done', 'skipped', 'not-applicable', 'not-taken'].includes(s.state))).toBe(true);
    expect(expectFailure(await tryAct({ type: 'done', step: 'triage' }), 'CONFLICT').message).toContain('the run is complete');
    const types = (await v.admin.call('timeline.forIncident', { ref })).map((e) => e.type);
    expect(types).toContain('runbook.completed');
    // A finished run no longer blocks starting the runbook again.
    expect((await responder.call('runs.start', { ref, runbookId: 'engine-test' })).version).toBe('1.0.0');
    expect((await v.admin.call('log.verify', {})).ok).toBe(true);
  });
});

describe('skip, undo and notes', () => {
  it('skip needs a reason; its dependants proceed', async () => {
    expectFailure(await responder.raw('runs.act', { runId: run.id, action: { type: 'skip', step: 'triage', reason: '' } }), 'VALIDATION');
    const r = await act({ type: 'skip', step: 'triage', reason: 'triaged by the SOC already' });
    expect(step(r, 'triage')).toMatchObject({ state: 'skipped', reason: 'triaged by the SOC already', finishedBy: 'rita' });
    expect(states(r).kind).toBe('available');
  });

  it('undo reverts the last step with a reason, recorded and never erased', async () => {
    expect(expectFailure(await tryAct({ type: 'undo', reason: 'oops' }), 'CONFLICT').message).toBe('there is nothing to undo in this run');
    await act({ type: 'done', step: 'triage' });
    let r = await act({ type: 'done', step: 'kind', value: 'small' });
    expect(states(r)['big-only']).toBe('not-applicable');
    expect(r.undoable?.text).toContain('did "kind"');
    r = await act({ type: 'undo', reason: 'it is a big one' });
    expect(states(r)).toMatchObject({ kind: 'available', 'big-only': 'pending', list: 'available' });
    expect(r.history.find((h) => h.kind === 'done' && h.step === 'kind')?.undone).toBe(true);
    expect(r.history.at(-1)?.kind).toBe('undo');
    expect(r.history.at(-1)?.text).toContain('it is a big one');
    r = await act({ type: 'done', step: 'kind', value: 'big' });
    expect(states(r)['big-only']).toBe('available');
    const types = (await v.admin.call('timeline.forIncident', { ref })).map((e) => e.type);
    expect(types.filter((t) => t === 'runbook.step_done')).toHaveLength(3);
    expect(types).toContain('runbook.step_undone');
  });

  it('undoing an input that wrote the incident gives the old value back, unless it was changed since', async () => {
    await throughChecklist();
    await act({ type: 'done', step: 'choose', answer: 'left' });
    await act({ type: 'done', step: 'left-step' });
    await manager1.call('runs.approve', { runId: run.id, step: 'join' });
    await manager2.call('runs.approve', { runId: run.id, step: 'join' });
    await act({ type: 'done', step: 'count', value: 'FR=3' });
    await act({ type: 'undo', reason: 'wrong country' });
    expect((await v.admin.call('incidents.get', { ref })).affected).toEqual([]);
    await act({ type: 'done', step: 'count', value: 'FR=3' });
    await v.admin.call('incidents.update', { ref, patch: { affected: [{ jurisdiction: 'FR', count: 4 }] } });
    await act({ type: 'undo', reason: 'again' });
    expect((await v.admin.call('incidents.get', { ref })).affected).toEqual([{ jurisdiction: 'FR', count: 4 }]);
  });

  it('notes can be written on any step, in any state', async () => {
    const r = await act({ type: 'note', step: 'clock-stop', text: 'remember the status page' });
    expect(step(r, 'clock-stop').notes).toEqual([{ by: 'rita', at: v.clock.iso(), text: 'remember the status page' }]);
    expect(step(r, 'clock-stop').state).toBe('pending');
  });

  it('time in step and phase is kept for the KPIs', async () => {
    v.clock.advance(10 * 60_000);
    const r = await act({ type: 'done', step: 'triage' });
    expect(step(r, 'triage').seconds).toBe(600);
    const detect = r.phases.find((p) => p.scheme === 'csf' && p.name === 'Detect');
    expect(detect).toMatchObject({ startedAt: run.startedAt, endedAt: null, seconds: 600 });
  });
});

describe('version pinning', () => {
  it('editing the runbook never changes a run in progress; the run shows a newer version exists', async () => {
    await v.admin.call('runbooks.import', { name: 'engine-test.yaml', text: ENGINE_RUNBOOK('1.1.0', 'Triage (renamed)'), replace: true });
    try {
      const r = await responder.call('runs.get', { runId: run.id });
      expect(r.version).toBe('1.0.0');
      expect(step(r, 'triage').definition.title).toBe('Triage');
      expect(r.newerVersion).toMatchObject({ version: '1.1.0' });
      expect(r.newerVersion?.contentHash).not.toBe(r.contentHash);
      expect(step(await act({ type: 'done', step: 'triage' }), 'triage').state).toBe('done');
    } finally {
      await v.admin.call('runbooks.import', { name: 'engine-test.yaml', text: ENGINE_RUNBOOK(), replace: true });
    }
  });
});

describe('guards on evidence and on undoing approvals', () => {
  it('a file attached to one evidence step does not count for another step of the run', async () => {
    await v.admin.call('runbooks.import', {
      name: 'two-evidence.yaml',
      replace: true,
      text: `format: 1
id: two-evidence
title: Two evidence steps
version: 1.0.0
summary: Two steps that each need a file.
appliesTo: { categories: [other], severityAtLeast: SEV4 }
sources: [{ title: Test }]
steps:
  - { id: first, kind: evidence, title: First file, phase: { csf: Detect, picerl: Identification }, attach: a file }
  - { id: second, kind: evidence, title: Second file, phase: { csf: Detect, picerl: Identification }, attach: another file }
`,
    });
    const two = await responder.call('runs.start', { ref, runbookId: 'two-evidence' });
    const a = (await responder.call('evidence.add', { ref, name: 'a.txt', dataBase64: 'YQ==' })).id;
    await responder.call('runs.act', { runId: two.id, action: { type: 'done', step: 'first', evidence: [a] } });
    const err = expectFailure(await responder.attempt('runs.act', { runId: two.id, action: { type: 'done', step: 'second', evidence: [a] } }), 'VALIDATION');
    expect(err.message).toBe(`evidence ${a} is already attached to step "first" of this run; attach another file`);
    const b = (await responder.call('evidence.add', { ref, name: 'b.txt', dataBase64: 'Yg==' })).id;
    const r = await responder.call('runs.act', { runId: two.id, action: { type: 'done', step: 'second', evidence: [b] } });
    expect(r.completedAt).not.toBeNull();
  });

  it('only the approver or an administrator may undo an approval', async () => {
    await throughChecklist();
    await act({ type: 'done', step: 'choose', answer: 'left' });
    await act({ type: 'done', step: 'left-step' });
    await manager1.call('runs.approve', { runId: run.id, step: 'join' });
    const before = await head();
    expect(expectFailure(await tryAct({ type: 'undo', reason: 'not mine to undo' }), 'FORBIDDEN').message).toContain("mona's approval");
    expect(await head()).toEqual(before);
    const r = await v.admin.call('runs.act', { runId: run.id, action: { type: 'undo', reason: 'mona asked by phone' } });
    expect(step(r, 'join').approvals).toEqual([]);
  });
});

describe('personal data in runbook inputs', () => {
  it('the value of an input marked personal is hidden from roles without pii:read, in the run and in the timeline', async () => {
    const bec = (await v.admin.call('incidents.create', { title: 'CFO mailbox', severity: 'SEV2', category: 'business-email-compromise' })).ref;
    const r = await responder.call('runs.start', { ref: bec, runbookId: 'business-email-compromise' });
    expect(step(r, 'mailbox').definition.personal).toBe(true);
    const mine = await responder.call('runs.act', { runId: r.id, action: { type: 'done', step: 'mailbox', value: 'cfo@example.com' } });
    expect(step(mine, 'mailbox')).toMatchObject({ value: 'cfo@example.com', redacted: false });

    const theirs = await manager1.call('runs.get', { runId: r.id });
    expect(step(theirs, 'mailbox')).toMatchObject({ state: 'done', value: null, redacted: true });
    expect(JSON.stringify(theirs)).not.toContain('cfo@example.com');
    const events = await manager1.call('timeline.forIncident', { ref: bec });
    expect(JSON.stringify(events)).not.toContain('cfo@example.com');
    expect(events.find((e) => e.type === 'runbook.step_done')?.data).toMatchObject({ step: 'mailbox', value: null, redacted: ['value'] });
    // Those who may see personal data still do; the chain is unaffected by masking.
    expect(JSON.stringify(await responder.call('timeline.forIncident', { ref: bec }))).toContain('cfo@example.com');
    expect((await v.admin.call('log.verify', {})).ok).toBe(true);
  });
});
