import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident, IncidentPhase, TimelineEvent } from '../../../contract';
import { expectFailure } from '../../helpers/client';
import { ADMIN, createTestVault, type TestVault } from '../../helpers/testVault';

/**
 * Phases and their times (contract/phases.ts, issue 11 §3): skipped phases are asked for and never
 * get a time from a move, moves back set later times aside as superseded (never lost), and times
 * in impossible order are refused with the pair named unless overridden with a logged reason.
 * Every refusal changes nothing: the incident and the chain head are compared before and after.
 */
let v: TestVault;
beforeEach(async () => {
  v = await createTestVault({ idleTimeoutMs: 10 * 365 * 24 * 3600_000 });
});
afterEach(() => v.dispose());

const MIN = 60_000;
const HOUR = 60 * MIN;
const head = async () => (await v.admin.call('log.verify', {})).head;
const get = (ref: string) => v.admin.call('incidents.get', { ref });
const last = async (ref: string): Promise<TimelineEvent> => (await v.admin.call('timeline.forIncident', { ref })).at(-1)!;
const states = (i: Incident) => i.phases.map((p) => `${p.phase}:${p.state}`);
const phase = (i: Incident, name: IncidentPhase['phase']) => i.phases.find((p) => p.phase === name)!;

/** Nothing changed: same incident, same chain head. */
async function unchanged(ref: string, attempt: () => Promise<unknown>): Promise<void> {
  const before = { incident: await get(ref), head: await head() };
  await attempt();
  expect({ incident: await get(ref), head: await head() }).toEqual(before);
}

/** An incident detected at the clock's time (2026-03-14 09:00 UTC) and triaged an hour later. */
async function triaged(): Promise<Incident> {
  const i = await v.admin.call('incidents.create', { title: 'Ransom note on FS-02', severity: 'SEV1', category: 'ransomware' });
  v.clock.advance(HOUR);
  return v.admin.call('incidents.setStatus', { ref: i.ref, status: 'triaged' });
}

describe('phase states in the API', () => {
  it('a new incident: detected reached with its time, every other phase not reached', async () => {
    const i = await v.admin.call('incidents.create', { title: 'Phishing wave', severity: 'SEV3', category: 'phishing' });
    expect(i.phases).toEqual([
      { phase: 'detected', state: 'reached', at: v.clock.iso(), superseded: [] },
      ...['triaged', 'contained', 'eradicated', 'recovered', 'closed'].map((p) => ({ phase: p, state: 'not-reached', at: null, superseded: [] })),
    ]);
  });
});

describe('moving forward over phases', () => {
  it('is refused without skipPhases, naming the phases (VALIDATION, nothing changes)', async () => {
    const i = await triaged();
    v.clock.advance(HOUR);
    await unchanged(i.ref, async () => {
      const err = expectFailure(await v.admin.attempt('incidents.setStatus', { ref: i.ref, status: 'eradicated' }), 'VALIDATION');
      expect(err.message).toBe(`moving ${i.ref} from triaged to eradicated passes over contained, which has no time: confirm the skip to record it as skipped`);
      expect(err.skippedPhases).toEqual(['contained']);
      expect(err.issues).toEqual(['skipPhases: needed to pass over contained (no time recorded)']);
      const two = expectFailure(await v.admin.attempt('incidents.setStatus', { ref: i.ref, status: 'recovered', skipPhases: false }), 'VALIDATION');
      expect(two.skippedPhases).toEqual(['contained', 'eradicated']);
      expect(two.message).toMatch(/passes over contained and eradicated, which have no time/);
    });
  });

  it('with skipPhases: the skipped phases show as skipped, with no time, and the event names them', async () => {
    const i = await triaged();
    v.clock.advance(HOUR);
    const moved = await v.admin.call('incidents.setStatus', { ref: i.ref, status: 'eradicated', skipPhases: true });
    expect(moved).toMatchObject({ status: 'eradicated', containedAt: null, eradicatedAt: v.clock.iso() });
    expect(states(moved)).toEqual(['detected:reached', 'triaged:reached', 'contained:skipped', 'eradicated:reached', 'recovered:not-reached', 'closed:not-reached']);
    expect(phase(moved, 'contained')).toEqual({ phase: 'contained', state: 'skipped', at: null, superseded: [] });
    expect((await last(i.ref)).data).toEqual({ from: 'triaged', to: 'eradicated', stamped: { eradicatedAt: v.clock.iso() }, skipped: ['contained'] });
  });

  it('a skipped phase never gets a time from a move, not even when moved back into', async () => {
    const i = await triaged();
    await v.admin.call('incidents.setStatus', { ref: i.ref, status: 'eradicated', skipPhases: true });
    v.clock.advance(HOUR);
    const back = await v.admin.call('incidents.setStatus', { ref: i.ref, status: 'contained', reason: 'Eradication was premature' });
    expect(back).toMatchObject({ status: 'contained', containedAt: null });
    expect(phase(back, 'contained').state).toBe('skipped');
    v.clock.advance(HOUR);
    const again = await v.admin.call('incidents.setStatus', { ref: i.ref, status: 'eradicated' });
    expect(again.containedAt).toBeNull();
    expect(phase(again, 'contained').state).toBe('skipped');
    expect(phase(again, 'eradicated')).toMatchObject({ state: 'reached', at: v.clock.iso() });
  });

  it('a phase with a time recorded ahead is passed over without asking: it is reached with that time', async () => {
    const i = await triaged();
    const containedAt = new Date(v.clock.ms + 15 * MIN).toISOString();
    const recorded = await v.admin.call('incidents.update', { ref: i.ref, patch: { containedAt } });
    expect(phase(recorded, 'contained')).toEqual({ phase: 'contained', state: 'not-reached', at: containedAt, superseded: [] });
    v.clock.advance(HOUR);
    const moved = await v.admin.call('incidents.setStatus', { ref: i.ref, status: 'eradicated' });
    expect(phase(moved, 'contained')).toMatchObject({ state: 'reached', at: containedAt });
    expect((await last(i.ref)).data).not.toHaveProperty('skipped');
  });

  it('recording the time of a skipped phase afterwards makes it reached (an edit, in order, logged)', async () => {
    const i = await triaged();
    v.clock.advance(HOUR);
    await v.admin.call('incidents.setStatus', { ref: i.ref, status: 'eradicated', skipPhases: true });
    const containedAt = new Date(v.clock.ms - 30 * MIN).toISOString();
    const fixed = await v.admin.call('incidents.update', { ref: i.ref, patch: { containedAt } });
    expect(phase(fixed, 'contained')).toMatchObject({ state: 'reached', at: containedAt });
    expect((await last(i.ref)).data).toEqual({ changes: [{ field: 'containedAt', before: null, after: containedAt }] });
  });
});

describe('moving back', () => {
  it('sets every later phase time aside as superseded: kept with who, when, why and the event, not current', async () => {
    const i = await triaged();
    const times: Record<string, string> = {};
    for (const status of ['contained', 'eradicated', 'recovered', 'closed'] as const) {
      v.clock.advance(HOUR);
      times[status] = v.clock.iso();
      await v.admin.call('incidents.setStatus', { ref: i.ref, status });
    }
    v.clock.advance(HOUR);
    const back = await v.admin.call('incidents.setStatus', { ref: i.ref, status: 'contained', reason: 'Attacker came back through a second VPN account' });
    expect(back).toMatchObject({ status: 'contained', containedAt: times.contained, eradicatedAt: null, recoveredAt: null, closedAt: null });
    expect(states(back)).toEqual(['detected:reached', 'triaged:reached', 'contained:reached', 'eradicated:superseded', 'recovered:superseded', 'closed:superseded']);
    const event = await last(i.ref);
    expect(event.data).toEqual({
      from: 'closed', to: 'contained', reason: 'Attacker came back through a second VPN account',
      superseded: { eradicatedAt: times.eradicated, recoveredAt: times.recovered, closedAt: times.closed },
    });
    expect(phase(back, 'closed')).toEqual({
      phase: 'closed', state: 'superseded', at: null,
      superseded: [{ at: times.closed, supersededAt: v.clock.iso(), supersededBy: ADMIN, reason: 'Attacker came back through a second VPN account', eventSeq: event.seq }],
    });
  });

  it('reaching the phase again gives it a new time; every superseded time stays, in order', async () => {
    const i = await triaged();
    v.clock.advance(HOUR);
    const first = (await v.admin.call('incidents.setStatus', { ref: i.ref, status: 'contained' })).containedAt!;
    v.clock.advance(HOUR);
    await v.admin.call('incidents.setStatus', { ref: i.ref, status: 'triaged', reason: 'Second foothold found' });
    v.clock.advance(HOUR);
    const second = (await v.admin.call('incidents.setStatus', { ref: i.ref, status: 'contained' })).containedAt!;
    v.clock.advance(HOUR);
    await v.admin.call('incidents.setStatus', { ref: i.ref, status: 'detected', reason: 'Not even triaged properly' });
    v.clock.advance(HOUR);
    await v.admin.call('incidents.setStatus', { ref: i.ref, status: 'triaged' });
    v.clock.advance(HOUR);
    const now = await v.admin.call('incidents.setStatus', { ref: i.ref, status: 'contained' });
    expect(second).not.toBe(first);
    expect(phase(now, 'contained')).toMatchObject({ state: 'reached', at: v.clock.iso() });
    expect(phase(now, 'contained').superseded.map((s) => [s.at, s.reason])).toEqual([[first, 'Second foothold found'], [second, 'Not even triaged properly']]);
    expect(phase(now, 'triaged').superseded.map((s) => s.at)).toEqual([i.triagedAt]);
    expect((await v.admin.call('log.verify', {})).ok).toBe(true);
  });

  it('a time recorded ahead for a later phase is set aside too', async () => {
    const i = await triaged();
    const recoveredAt = new Date(v.clock.ms + 5 * HOUR).toISOString();
    await v.admin.call('incidents.update', { ref: i.ref, patch: { recoveredAt } });
    v.clock.advance(HOUR);
    const back = await v.admin.call('incidents.setStatus', { ref: i.ref, status: 'detected', reason: 'Triage was on the wrong host' });
    expect(back).toMatchObject({ triagedAt: null, recoveredAt: null });
    expect(phase(back, 'recovered')).toMatchObject({ state: 'superseded', superseded: [{ at: recoveredAt }] });
  });

  it('without a reason it is refused and nothing is set aside', async () => {
    const i = await triaged();
    await unchanged(i.ref, async () => {
      expectFailure(await v.admin.attempt('incidents.setStatus', { ref: i.ref, status: 'detected' }), 'VALIDATION');
    });
  });
});

describe('times in impossible order', () => {
  it('an edit is refused with the pair named, on the field that changed (nothing changes)', async () => {
    // Detected 09:00, triaged 10:31; then someone enters contained 09:15.
    const i = await v.admin.call('incidents.create', { title: 'VPN compromise', severity: 'SEV2', category: 'account-takeover' });
    v.clock.advance(91 * MIN);
    await v.admin.call('incidents.setStatus', { ref: i.ref, status: 'triaged' });
    await unchanged(i.ref, async () => {
      const err = expectFailure(await v.admin.attempt('incidents.update', { ref: i.ref, patch: { containedAt: '2026-03-14T09:15:00Z', title: 'VPN account compromise' } }), 'VALIDATION');
      expect(err.message).toBe('phase times out of order: contained 2026-03-14 09:15 UTC is before triaged 2026-03-14 10:31 UTC; correct the time, or override with a reason');
      expect(err.issues).toEqual(['containedAt: contained 2026-03-14 09:15 UTC is before triaged 2026-03-14 10:31 UTC']);
      expect(err.timeOrder).toEqual([{ later: 'contained', laterAt: '2026-03-14T09:15:00Z', earlier: 'triaged', earlierAt: '2026-03-14T10:31:00.000Z' }]);
    });
  });

  it('names every pair, compares instants across UTC offsets, and shows seconds when the minute is the same', async () => {
    const i = await v.admin.call('incidents.create', { title: 'Lost laptop', severity: 'SEV3', category: 'lost-device' });
    // 10:00+02:00 is 08:00 UTC: before detection at 09:00 UTC although the text sorts after it.
    const err = expectFailure(await v.admin.attempt('incidents.update', { ref: i.ref, patch: { triagedAt: '2026-03-14T10:00:00+02:00', containedAt: '2026-03-14T08:59:30Z' } }), 'VALIDATION');
    expect(err.issues).toEqual([
      'triagedAt: triaged 2026-03-14 08:00 UTC is before detected 2026-03-14 09:00 UTC',
      'containedAt: contained 2026-03-14 08:59 UTC is before detected 2026-03-14 09:00 UTC',
    ]);
    expect(err.message).toMatch(/\(and 1 more\)/);
    const seconds = expectFailure(await v.admin.attempt('incidents.update', { ref: i.ref, patch: { detectedAt: '2026-03-14T09:00:30Z', triagedAt: '2026-03-14T09:00:10Z' } }), 'VALIDATION');
    expect(seconds.issues).toEqual(['triagedAt: triaged 2026-03-14 09:00:10 UTC is before detected 2026-03-14 09:00:30 UTC']);
    // Equal times are in order (≤).
    expect((await v.admin.call('incidents.update', { ref: i.ref, patch: { triagedAt: '2026-03-14T09:00:00Z' } })).triagedAt).toBe('2026-03-14T09:00:00Z');
  });

  it('moving the detection time after a later phase is refused too, and skipped phases are stepped over', async () => {
    const i = await triaged();
    v.clock.advance(HOUR);
    await v.admin.call('incidents.setStatus', { ref: i.ref, status: 'eradicated', skipPhases: true });
    const err = expectFailure(await v.admin.attempt('incidents.update', { ref: i.ref, patch: { detectedAt: '2026-03-14T11:30:00Z' } }), 'VALIDATION');
    // Triaged 10:00 and eradicated 11:00 are both before the new detection time; contained has none.
    expect(err.issues).toEqual([
      'detectedAt: triaged 2026-03-14 10:00 UTC is before detected 2026-03-14 11:30 UTC',
      'detectedAt: eradicated 2026-03-14 11:00 UTC is before detected 2026-03-14 11:30 UTC',
    ]);
  });

  it('an override with a reason keeps the times and logs the reason with the pairs', async () => {
    const i = await triaged();
    const override = 'Containment was done by the MSP before our triage; their ticket shows 09:15';
    const u = await v.admin.call('incidents.update', { ref: i.ref, patch: { containedAt: '2026-03-14T09:15:00Z' }, overrideTimeOrder: override });
    expect(u.containedAt).toBe('2026-03-14T09:15:00Z');
    expect((await last(i.ref)).data).toEqual({
      changes: [{ field: 'containedAt', before: null, after: '2026-03-14T09:15:00Z' }],
      timeOrderOverride: { reason: override, conflicts: [{ later: 'contained', laterAt: '2026-03-14T09:15:00Z', earlier: 'triaged', earlierAt: i.triagedAt }] },
    });
    // An empty override is not a reason.
    expectFailure(await v.admin.attempt('incidents.update', { ref: i.ref, patch: { containedAt: '2026-03-14T09:10:00Z' }, overrideTimeOrder: '  ' }), 'VALIDATION');
    // Times already out of order do not block an edit that does not touch them, and an override with nothing to override records nothing.
    const titled = await v.admin.call('incidents.update', { ref: i.ref, patch: { title: 'Ransomware on FS-02' }, overrideTimeOrder: 'not needed' });
    expect(titled.title).toBe('Ransomware on FS-02');
    expect((await last(i.ref)).data).toEqual({ changes: [{ field: 'title', before: 'Ransom note on FS-02', after: 'Ransomware on FS-02' }] });
  });

  it('a phase move whose time would come before an earlier phase is refused, or logged when overridden', async () => {
    // Triage recorded ahead, at 12:00: moving to triaged at 10:00 keeps 12:00; containing at 11:00 would put contained before it.
    const i = await v.admin.call('incidents.create', { title: 'Data theft', severity: 'SEV2', category: 'insider', triagedAt: '2026-03-14T12:00:00Z' });
    v.clock.advance(HOUR);
    await v.admin.call('incidents.setStatus', { ref: i.ref, status: 'triaged' });
    v.clock.advance(HOUR);
    await unchanged(i.ref, async () => {
      const err = expectFailure(await v.admin.attempt('incidents.setStatus', { ref: i.ref, status: 'contained' }), 'VALIDATION');
      expect(err.message).toMatch(/^phase times out of order: contained 2026-03-14 11:00 UTC is before triaged 2026-03-14 12:00 UTC/);
      expect(err.timeOrder).toHaveLength(1);
    });
    const moved = await v.admin.call('incidents.setStatus', { ref: i.ref, status: 'contained', overrideTimeOrder: 'Triage time was entered wrongly by the night shift' });
    expect(moved.containedAt).toBe(v.clock.iso());
    expect((await last(i.ref)).data).toMatchObject({
      from: 'triaged', to: 'contained', timeOrderOverride: { reason: 'Triage time was entered wrongly by the night shift', conflicts: [{ later: 'contained', earlier: 'triaged' }] },
    });
  });

  it('creating an incident with times out of order is refused unless overridden', async () => {
    const input = { title: 'Found late', severity: 'SEV4', category: 'other', detectedAt: '2026-03-10T10:00:00Z', containedAt: '2026-03-09T10:00:00Z' } as const;
    const before = await head();
    const err = expectFailure(await v.admin.attempt('incidents.create', input), 'VALIDATION');
    expect(err.issues).toEqual(['containedAt: contained 2026-03-09 10:00 UTC is before detected 2026-03-10 10:00 UTC']);
    expect(await head()).toEqual(before);
    expect((await v.admin.call('incidents.list', {})).total).toBe(0);
    const made = await v.admin.call('incidents.create', { ...input, overrideTimeOrder: 'Detection time is when the report reached us' });
    expect((await last(made.ref)).data.timeOrderOverride).toMatchObject({ reason: 'Detection time is when the report reached us' });
  });
});

describe('removing a phase time', () => {
  it('a reached phase keeps a time (corrected, not removed); a time recorded ahead can be removed', async () => {
    const i = await triaged();
    await unchanged(i.ref, async () => {
      const err = expectFailure(await v.admin.attempt('incidents.update', { ref: i.ref, patch: { triagedAt: null } }), 'VALIDATION');
      expect(err.issues).toEqual([`triagedAt: ${i.ref} has reached triaged, so its time can be corrected but not removed (moving the incident back before triaged sets it aside)`]);
    });
    const corrected = await v.admin.call('incidents.update', { ref: i.ref, patch: { triagedAt: '2026-03-14T09:45:00Z' } });
    expect(phase(corrected, 'triaged')).toMatchObject({ state: 'reached', at: '2026-03-14T09:45:00Z' });
    await v.admin.call('incidents.update', { ref: i.ref, patch: { recoveredAt: '2026-03-15T09:00:00Z' } });
    expect((await v.admin.call('incidents.update', { ref: i.ref, patch: { recoveredAt: null } })).recoveredAt).toBeNull();
  });
});
