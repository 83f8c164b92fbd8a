import { afterEach, describe, expect, it } from 'vitest';
import type { OpenItem } from '../../../contract';
import { expectFailure } from '../../helpers/client';
import { createTestVault, type TestVault } from '../../helpers/testVault';
import { completeBreach } from '../notify/drafts/draftFixture';

/**
 * Closing an incident shows what is still open and needs a reason to close over it (issue 11 §1):
 * unmet obligations (the deadline board), runbook runs with unfinished steps and their pending
 * approvals, notices not sent. The refusal carries the list (CONFLICT, nothing changes); with a
 * reason the close is recorded with the reason and the list. Closing ends none of it.
 */
let v: TestVault | null = null;
afterEach(() => {
  v?.dispose();
  v = null;
});

const HOUR = 3_600_000;

/** Two steps and a two-person approval that can be given at once. */
const RUNBOOK = `format: 1
id: close-gate-test
title: Close gate test
version: 1.0.0
summary: A short runbook with an approval.
appliesTo: { categories: [data-breach], severityAtLeast: SEV4 }
sources: [{ title: Test }]
steps:
  - { id: isolate, kind: task, title: Isolate the database server, phase: { csf: Respond, picerl: Containment } }
  - { id: sign-off, kind: approval, title: Two managers sign off the restore, phase: { csf: Recover, picerl: Recovery }, people: 2, role: manager }
  - { id: restore, kind: task, title: Restore from the clean backup, phase: { csf: Recover, picerl: Recovery }, requires: [sign-off] }
`;

async function recoveredBreach(t: TestVault): Promise<string> {
  const ref = await completeBreach(t.admin);
  await t.admin.call('incidents.setStatus', { ref, status: 'recovered', skipPhases: true });
  return ref;
}

describe('closing over open items', () => {
  it('is refused without a reason: CONFLICT with every open item, structured; nothing changes', async () => {
    v = await createTestVault();
    const ref = await recoveredBreach(v);
    await v.admin.call('runbooks.import', { name: 'close-gate-test.yaml', text: RUNBOOK });
    const run = await v.admin.call('runs.start', { ref, runbookId: 'close-gate-test' });
    await v.admin.call('runs.act', { runId: run.id, action: { type: 'done', step: 'isolate' } });
    // One notice sent (not open), one approved but not sent, one still a draft.
    const sent = await v.admin.call('notify.drafts.create', { ref, regimeId: 'us-tx-ag' });
    await v.admin.call('notify.drafts.approve', { id: sent.id });
    await v.admin.call('notify.drafts.markSent', { id: sent.id, channel: 'portal', recipient: 'Texas AG' });
    const approved = await v.admin.call('notify.drafts.create', { ref, regimeId: 'eu-gdpr-art34' });
    await v.admin.call('notify.drafts.approve', { id: approved.id });
    const draft = await v.admin.call('notify.drafts.create', { ref, regimeId: 'eu-gdpr-art33' });

    const before = { incident: await v.admin.call('incidents.get', { ref }), head: (await v.admin.call('log.verify', {})).head };
    v.clock.advance(HOUR);
    const err = expectFailure(await v.admin.attempt('incidents.setStatus', { ref, status: 'closed' }), 'CONFLICT');
    const items = err.openItems!;
    const kinds = (k: OpenItem['kind']) => items.filter((i) => i.kind === k);

    // The obligations are the board's rows for this incident (GDPR Art. 33 among them).
    const board = (await v.admin.call('notify.board', {})).filter((r) => r.ref === ref);
    expect(board.length).toBeGreaterThan(0);
    expect(kinds('obligation').map((o) => o.kind === 'obligation' && `${o.regimeId}/${o.stageId}`)).toEqual(board.map((r) => `${r.regimeId}/${r.stageId}`));
    const art33 = kinds('obligation').find((o) => o.kind === 'obligation' && o.regimeId === 'eu-gdpr-art33');
    expect(art33).toMatchObject({ due: '2026-03-16T10:00:00.000Z', overdue: false });
    expect(art33!.text).toMatch(/^GDPR.*: due 2026-03-16 10:00 UTC$/);

    expect(kinds('run')).toEqual([{
      kind: 'run', text: 'Runbook “Close gate test”: 1 of 3 steps finished, 2 open',
      runId: run.id, runbookId: 'close-gate-test', title: 'Close gate test', finished: 1, total: 3,
    }]);
    expect(kinds('approval')).toEqual([{
      kind: 'approval', text: 'Approval “Two managers sign off the restore” in “Close gate test”: 0 of 2 given, by manager',
      runId: run.id, runTitle: 'Close gate test', stepId: 'sign-off', stepTitle: 'Two managers sign off the restore', approvals: 0, needed: 2,
    }]);
    expect(kinds('notice').map((n) => n.kind === 'notice' && [n.draftId, n.status])).toEqual([[approved.id, 'approved'], [draft.id, 'draft']]);
    expect(kinds('notice').map((n) => n.text)).toEqual([
      expect.stringMatching(/^Notice .*34.*, version 1: approved, not recorded as sent$/),
      expect.stringMatching(/^Notice .*33.*, version 1: not approved yet$/),
    ]);
    expect(err.message).toBe(
      `${ref} still has ${items.length} open items (${kinds('obligation').length} unmet obligations, 1 unfinished runbook run, 1 pending approval, 2 unsent notices); closing over them needs a reason`,
    );

    expect({ incident: await v.admin.call('incidents.get', { ref }), head: (await v.admin.call('log.verify', {})).head }).toEqual(before);
    // An empty reason is no reason.
    expectFailure(await v.admin.attempt('incidents.setStatus', { ref, status: 'closed', reason: '   ' }), 'CONFLICT');
  });

  it('with a reason it closes and records the reason and the list; the obligations stay open', async () => {
    v = await createTestVault();
    const ref = await recoveredBreach(v);
    const draft = await v.admin.call('notify.drafts.create', { ref, regimeId: 'eu-gdpr-art33' });
    const refused = expectFailure(await v.admin.attempt('incidents.setStatus', { ref, status: 'closed' }), 'CONFLICT');
    v.clock.advance(HOUR);
    const reason = 'Customer asked us to close; the DPA notice goes out with the quarterly filing (legal: L. Weber)';
    const closed = await v.admin.call('incidents.setStatus', { ref, status: 'closed', reason });
    expect(closed).toMatchObject({ status: 'closed', closedAt: v.clock.iso() });
    const event = (await v.admin.call('timeline.forIncident', { ref })).at(-1)!;
    expect(event).toMatchObject({ type: 'incident.status_changed', data: { from: 'recovered', to: 'closed', reason, stamped: { closedAt: v.clock.iso() } } });
    expect(event.data.openItems).toEqual(refused.openItems);
    expect((event.data.openItems as OpenItem[]).some((i) => i.kind === 'notice' && i.draftId === draft.id)).toBe(true);
    // Closing decided nothing about the notices or the duties: the draft is still a draft, GDPR Art. 33 still applies.
    expect((await v.admin.call('notify.drafts.get', { id: draft.id })).status).toBe('draft');
    const assessment = await v.admin.call('notify.assess', { ref });
    expect(assessment.regimes.find((r) => r.regime.id === 'eu-gdpr-art33')).toMatchObject({ outcome: 'notify' });
  });

  it('with nothing open it closes without a reason, and records no list', async () => {
    v = await createTestVault();
    const i = await v.admin.call('incidents.create', { title: 'Phishing mail reported', severity: 'SEV4', category: 'phishing' });
    const closed = await v.admin.call('incidents.setStatus', { ref: i.ref, status: 'closed', skipPhases: true });
    expect(closed.status).toBe('closed');
    const event = (await v.admin.call('timeline.forIncident', { ref: i.ref })).at(-1)!;
    expect(event.data).toEqual({ from: 'detected', to: 'closed', stamped: { closedAt: v.clock.iso() }, skipped: ['triaged', 'contained', 'eradicated', 'recovered'] });
  });

  it('a jump to closed asks about the skipped phases first (VALIDATION), then about the open items', async () => {
    v = await createTestVault();
    const ref = await completeBreach(v.admin);
    const skip = expectFailure(await v.admin.attempt('incidents.setStatus', { ref, status: 'closed', reason: 'Done' }), 'VALIDATION');
    expect(skip.skippedPhases).toEqual(['triaged', 'contained', 'eradicated', 'recovered']);
    expect(skip.openItems).toBeUndefined();
    const gate = expectFailure(await v.admin.attempt('incidents.setStatus', { ref, status: 'closed', skipPhases: true }), 'CONFLICT');
    expect(gate.openItems!.length).toBeGreaterThan(0);
    expect((await v.admin.call('incidents.get', { ref })).status).toBe('detected');
  });

  it('only closing is gated: other moves over open items need no reason', async () => {
    v = await createTestVault();
    const ref = await completeBreach(v.admin);
    expect((await v.admin.call('incidents.setStatus', { ref, status: 'triaged' })).status).toBe('triaged');
    expect((await v.admin.call('incidents.setStatus', { ref, status: 'recovered', skipPhases: true })).status).toBe('recovered');
  });

  it('an unknown incident is NOT_FOUND, and a manager may not close', async () => {
    v = await createTestVault();
    expectFailure(await v.admin.attempt('incidents.setStatus', { ref: 'IR-2026-0999', status: 'closed', reason: 'x' }), 'NOT_FOUND');
    const ref = await recoveredBreach(v);
    const manager = await v.addUser('mia', 'manager');
    expectFailure(await manager.attempt('incidents.setStatus', { ref, status: 'closed', reason: 'x' }), 'FORBIDDEN');
  });
});
