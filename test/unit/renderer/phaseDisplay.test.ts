import { describe, expect, it } from 'vitest';
import type { IncidentPhase, TimelineEvent } from '../../../contract';
import { describeEvent } from '../../../renderer/lib/describeEvent';
import { describePhase } from '../../../renderer/lib/describePhase';
import { formatDateTime } from '../../../renderer/lib/formatDateTime';
import { supersededStamps } from '../../../renderer/lib/supersededStamps';

let seq = 0;
function event(type: string, data: Record<string, unknown>, ts = '2026-03-14T12:00:00.000Z'): TimelineEvent {
  seq += 1;
  return { seq, ts, actor: 'alice', type, incidentRef: 'IR-2026-0001', data, prevHash: '0'.repeat(64), hash: 'f'.repeat(64) };
}

const T1 = '2026-03-14T10:00:00.000Z';
const T2 = '2026-03-14T11:00:00.000Z';
const T3 = '2026-03-14T12:00:00.000Z';

describe('describePhase: a skipped phase never reads as done, a superseded time never as current', () => {
  const phase = (p: Partial<IncidentPhase>): IncidentPhase => ({ phase: 'contained', state: 'not-reached', at: null, superseded: [], ...p });
  const setAside = { at: T1, supersededAt: T2, supersededBy: 'bob', reason: 'Came back', eventSeq: 9 };

  it('reached: only the time', () => {
    expect(describePhase(phase({ state: 'reached', at: T1 }))).toMatchObject({ state: null, time: formatDateTime(T1), supersededTime: null });
  });
  it('skipped: the words, no time at all', () => {
    expect(describePhase(phase({ state: 'skipped' }))).toMatchObject({ state: 'Skipped · no time', time: null, supersededTime: null });
  });
  it('superseded: the old time only as the struck one, with who set it aside and why', () => {
    const d = describePhase(phase({ state: 'superseded', superseded: [setAside] }));
    expect(d).toMatchObject({ state: 'Superseded', time: null, supersededTime: formatDateTime(T1) });
    expect(d.long).toContain('was set aside by a move back and is not current');
    expect(d.long).toContain(`by bob: Came back`);
  });
  it('not reached with a time recorded ahead says so; reached again keeps the history', () => {
    expect(describePhase(phase({ state: 'not-reached', at: T3 }))).toMatchObject({ state: 'Not reached', time: formatDateTime(T3) });
    expect(describePhase(phase({ state: 'reached', at: T3, superseded: [setAside] })).long).toMatch(/Superseded earlier: /);
  });
});

describe('describeEvent: incident.status_changed', () => {
  it('names the skipped phases, the times set aside (old time → superseded), the open items and an override', () => {
    const jump = describeEvent(event('incident.status_changed', { from: 'triaged', to: 'eradicated', stamped: { eradicatedAt: T2 }, skipped: ['contained'] }));
    expect(jump).toMatchObject({ summary: 'Moved status Triaged → Eradicated', body: 'Skipped, no time: Contained', changes: [] });

    const back = describeEvent(event('incident.status_changed', { from: 'closed', to: 'contained', reason: 'Came back', superseded: { eradicatedAt: T1, closedAt: T2 } }));
    expect(back.body).toBe('Reason: Came back');
    expect(back.changes).toEqual([
      { field: 'Eradicated time', before: formatDateTime(T1), after: 'superseded', redacted: false },
      { field: 'Closed time', before: formatDateTime(T2), after: 'superseded', redacted: false },
    ]);

    const close = describeEvent(event('incident.status_changed', {
      from: 'recovered', to: 'closed', reason: 'Handed over', openItems: [{ kind: 'notice', text: 'Notice GDPR Art. 33: not approved yet' }, { kind: 'run', text: 'Runbook “R”: 1 of 3 steps finished, 2 open' }],
      timeOrderOverride: { reason: 'MSP ticket', conflicts: [{ later: 'closed', laterAt: T1, earlier: 'recovered', earlierAt: T2 }] },
    }));
    expect(close.body).toBe([
      'Reason: Handed over',
      'Closed over 2 open items:\n• Notice GDPR Art. 33: not approved yet\n• Runbook “R”: 1 of 3 steps finished, 2 open',
      `Times out of order kept on purpose: Closed ${formatDateTime(T1)} is before recovered ${formatDateTime(T2)}. Why: MSP ticket`,
    ].join('\n'));
  });

  it('an edit or declaration that kept times out of order says why', () => {
    const edit = describeEvent(event('incident.updated', {
      changes: [{ field: 'containedAt', before: null, after: T1 }],
      timeOrderOverride: { reason: 'MSP ticket', conflicts: [{ later: 'contained', laterAt: T1, earlier: 'triaged', earlierAt: T2 }] },
    }));
    expect(edit.body).toMatch(/^Times out of order kept on purpose: Contained .* is before triaged .*\. Why: MSP ticket$/);
    expect(describeEvent(event('incident.updated', { changes: [{ field: 'title', before: 'a', after: 'b' }] })).body).toBeNull();
  });
});

describe('supersededStamps: which entries set a time that a move back set aside', () => {
  it('marks the stamp, the edit and the declaration that set each superseded time, and only those', () => {
    const created = event('incident.created', { fields: { title: 'x', detectedAt: T1, recoveredAt: T3 } });
    const erad = event('incident.status_changed', { from: 'triaged', to: 'eradicated', stamped: { eradicatedAt: T1 } });
    const edited = event('incident.updated', { changes: [{ field: 'eradicatedAt', before: T1, after: T2 }] });
    const closed = event('incident.status_changed', { from: 'eradicated', to: 'closed', stamped: { closedAt: T3 }, skipped: ['recovered'] });
    const back = event('incident.status_changed', { from: 'closed', to: 'contained', reason: 'r', superseded: { eradicatedAt: T2, recoveredAt: T3, closedAt: T3 } }, '2026-03-15T08:00:00.000Z');
    const again = event('incident.status_changed', { from: 'contained', to: 'eradicated', stamped: { eradicatedAt: '2026-03-15T09:00:00.000Z' } });
    const marks = supersededStamps([again, back, closed, edited, erad, created]);
    const at = (e: TimelineEvent) => (marks.get(e.seq) ?? []).map((m) => [m.field, m.at, m.bySeq]);
    // The first stamp of eradicatedAt was corrected by the edit before the move back: the edit's value was set aside.
    expect(at(erad)).toEqual([]);
    expect(at(edited)).toEqual([['eradicatedAt', T2, back.seq]]);
    expect(at(created)).toEqual([['recoveredAt', T3, back.seq]]);
    expect(at(closed)).toEqual([['closedAt', T3, back.seq]]);
    expect(at(again)).toEqual([]);
    expect(marks.get(edited.seq)?.[0]?.byTs).toBe('2026-03-15T08:00:00.000Z');
  });
});
