/**
 * The review screen's pure parts: the three-way merge that keeps a writer's text when someone
 * saved meanwhile, the safe Markdown the sections render as, and how review, key-event and
 * action item events read on the timeline.
 */
import { describe, expect, it } from 'vitest';
import { REVIEW_SECTIONS, dueAtEndOf, localDay, parseActionId, parseInline, parseMarkdown, type ReviewSections, type TimelineEvent } from '../../../contract';
import { describeEvent } from '../../../renderer/lib/describeEvent';
import { formatDue } from '../../../renderer/lib/formatDue';
import { mergeReview } from '../../../renderer/lib/mergeReview';

const sections = (given: Partial<ReviewSections>): ReviewSections => ({ ...Object.fromEntries(REVIEW_SECTIONS.map((s) => [s, ''])) as ReviewSections, ...given });

describe('mergeReview', () => {
  const base = sections({ summary: 'S0', rootCause: 'R0', wentWell: 'W0' });
  it('keeps every word the writer typed; untouched sections take the newer text; both changed: a clash, theirs shown', () => {
    const mine = sections({ summary: 'S-mine', rootCause: 'R0', wentWell: 'W-same' });
    const theirs = sections({ summary: 'S-theirs', rootCause: 'R-theirs', wentWell: 'W-same', toolsNeeded: 'EDR' });
    expect(mergeReview(base, mine, theirs)).toEqual({
      merged: sections({ summary: 'S-mine', rootCause: 'R-theirs', wentWell: 'W-same', toolsNeeded: 'EDR' }),
      clashing: ['summary'],
      taken: ['rootCause', 'toolsNeeded'],
    });
  });
  it('changes nothing when they changed nothing', () => {
    const mine = sections({ summary: 'S-mine', rootCause: 'R0', wentWell: 'W0' });
    expect(mergeReview(base, mine, base)).toEqual({ merged: mine, clashing: [], taken: [] });
  });
});

describe('parseMarkdown: a safe subset, as text nodes', () => {
  it('reads headings, lists, quotes, code, rules, emphasis and links', () => {
    expect(parseMarkdown('# Impact\n\n- **3** servers\n- 9 h *outage*\n\n1. first\n2. second\n\n> a quote\n\n---\n\n```\n<b>raw</b>\n```\n\nSee [the runbook](https://example.org/rb) and `cmd`.')).toEqual([
      { kind: 'heading', level: 1, children: [{ kind: 'text', text: 'Impact' }] },
      { kind: 'list', ordered: false, start: 1, items: [[{ kind: 'strong', children: [{ kind: 'text', text: '3' }] }, { kind: 'text', text: ' servers' }], [{ kind: 'text', text: '9 h ' }, { kind: 'em', children: [{ kind: 'text', text: 'outage' }] }]] },
      { kind: 'list', ordered: true, start: 1, items: [[{ kind: 'text', text: 'first' }], [{ kind: 'text', text: 'second' }]] },
      { kind: 'quote', children: [{ kind: 'text', text: 'a quote' }] },
      { kind: 'rule' },
      { kind: 'code', text: '<b>raw</b>' },
      { kind: 'paragraph', children: [{ kind: 'text', text: 'See ' }, { kind: 'link', href: 'https://example.org/rb', children: [{ kind: 'text', text: 'the runbook' }] }, { kind: 'text', text: ' and ' }, { kind: 'code', text: 'cmd' }, { kind: 'text', text: '.' }] },
    ]);
  });

  it('keeps HTML as text and follows no link but http(s) and mailto', () => {
    expect(parseMarkdown('<img src=x onerror=alert(1)>\nline two')).toEqual([
      { kind: 'paragraph', children: [{ kind: 'text', text: '<img src=x onerror=alert(1)>' }, { kind: 'break' }, { kind: 'text', text: 'line two' }] },
    ]);
    for (const href of ['javascript:alert(1)', 'data:text/html,x', '/relative', 'JaVaScRiPt:alert(1)']) {
      expect(parseInline(`[x](${href})`, 0)).toEqual([{ kind: 'text', text: `[x](${href})` }]);
    }
    expect(parseInline('[mail](mailto:dpo@example.org)', 0)).toEqual([{ kind: 'link', href: 'mailto:dpo@example.org', children: [{ kind: 'text', text: 'mail' }] }]);
    expect(parseInline('snake_case_name and 2*3*4', 0)).toEqual([{ kind: 'text', text: 'snake_case_name and 2' }, { kind: 'em', children: [{ kind: 'text', text: '3' }] }, { kind: 'text', text: '4' }]);
    expect(parseInline('\\*not em\\*', 0)).toEqual([{ kind: 'text', text: '*not em*' }]);
  });

  it('stays linear on pathological input (a section full of unmatched markers)', () => {
    const text = '*['.repeat(10_000) + '`_'.repeat(5_000);
    const t0 = performance.now();
    const blocks = parseMarkdown(text);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(blocks).toHaveLength(1);
  });
});

describe('due dates and ids', () => {
  it('a due date ends at the end of that day here; impossible dates are refused; it is shown as that date', () => {
    const due = new Date(dueAtEndOf('2026-04-30')!);
    expect([due.getFullYear(), due.getMonth(), due.getDate(), due.getHours(), due.getMinutes()]).toEqual([2026, 3, 30, 23, 59]);
    expect(dueAtEndOf('2026-02-30')).toBeNull();
    expect(dueAtEndOf('30.04.2026')).toBeNull();
    expect(localDay(due.getTime())).toBe('2026-04-30');
    expect(formatDue('2026-04-30')).toMatch(/30/);
    expect(formatDue('2026-04-30')).not.toMatch(/:|May/);
    expect(formatDue('not a date')).toBe('not a date');
  });
  it('A-7, a-7 and 7 are item 7', () => {
    expect(['A-7', 'a-7', '7', ' 7 '].map(parseActionId)).toEqual([7, 7, 7, 7]);
    expect(['B-7', 'A-0', '', 'A-', '7.5'].map(parseActionId)).toEqual([null, null, null, null, null]);
  });
});

describe('review, key-event and action item events on the timeline', () => {
  let seq = 0;
  const event = (type: string, data: Record<string, unknown>, actor = 'lena'): TimelineEvent =>
    ({ seq: ++seq, ts: '2026-03-14T10:00:00.000Z', actor, type, incidentRef: 'IR-2026-0001', data, prevHash: '0'.repeat(64), hash: 'f'.repeat(64) });
  it.each([
    [event('review.saved', { version: 3, changed: ['rootCause', 'toolsNeeded'], sha256: 'a'.repeat(64) }), 'Saved version 3 of the review: Root cause, Tools and resources needed', null],
    [event('review.signed_off', { version: 3, sha256: 'a'.repeat(64) }), 'Signed off version 3 of the review as final', null],
    [event('review.reopened', { fromVersion: 3, version: 4, signedOffBy: 'maria', reason: 'Tools were missing' }), 'Reopened the review: version 3, signed off by maria, is no longer final', 'Tools were missing'],
    [event('event.starred', { seq: 12, type: 'incident.note' }), 'Starred event #12 (Incident note) as a key event', null],
    [event('event.unstarred', { seq: 12, type: 'incident.note' }), 'Took the star off event #12 (Incident note): no longer a key event', null],
    [event('action.done', { id: 7, title: 'Patch RDP', note: 'FW-221', overdue: true }), 'Marked A-7 “Patch RDP” done (after its due date)', 'FW-221'],
    [event('action.wont_do', { id: 7, title: 'Patch RDP', reason: 'Decommissioned' }), 'Decided A-7 “Patch RDP” won\'t be done', 'Decommissioned'],
    [event('action.reopened', { id: 7, title: 'Patch RDP', was: 'wont_do', reason: 'Still in use' }), 'Reopened A-7 “Patch RDP” (was won\'t do)', 'Still in use'],
    [event('action.alarm', { id: 7, title: 'Patch RDP', owner: 'omar', due: '2026-03-15T22:59:59.999Z', threshold: 0 }, 'system'), /^Action item alarm: A-7 “Patch RDP”, owner omar, is overdue \(due /, null],
  ] as const)('%#: %s', (e, summary, body) => {
    const d = describeEvent(e);
    if (typeof summary === 'string') expect(d.summary).toBe(summary);
    else expect(d.summary).toMatch(summary);
    expect(d.body).toBe(body);
  });
  it('a changed action item lists each field before and after', () => {
    const d = describeEvent(event('action.updated', { id: 7, title: 'Patch RDP', changes: [{ field: 'owner', before: 'omar', after: 'lena' }], reason: 'Omar is on leave' }));
    expect(d).toMatchObject({ summary: 'Changed A-7 “Patch RDP”: owner', body: 'Omar is on leave', changes: [{ field: 'Owner', before: 'omar', after: 'lena', redacted: false }] });
  });
});
