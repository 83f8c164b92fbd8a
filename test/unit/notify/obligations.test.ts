/**
 * Issue 11 §1: an obligation ends only when its notice is recorded as sent or someone allowed to
 * records that it is not required — never because the incident changed phase. A sent notice meets
 * its stage (shown with the margin to the deadline), its alarms stop, a staged regime keeps its
 * next report due, and the obligations of a closed incident stay on the board with their alarms.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Assessment, Topics } from '../../../contract';
import { expectFailure, type TestClient } from '../../helpers/client';
import { createTestVault, type TestVault } from '../../helpers/testVault';
import { completeBreach } from './drafts/draftFixture';

let v: TestVault | null = null;
afterEach(() => {
  v?.dispose();
  v = null;
});

const HOUR = 3_600_000;
const stageOf = (a: Assessment, regimeId: string, stageId: string) => a.regimes.find((r) => r.regime.id === regimeId)?.stages.find((s) => s.id === stageId);

/** Drafts, approves (as legal) and records as sent the notice for one regime and stage; the body is cleaned of placeholders first. */
async function sendNotice(author: TestClient, legal: TestClient, ref: string, regimeId: string, opts: { stage?: string; audience?: 'board'; sentAt?: string } = {}): Promise<string> {
  let draft = await author.call('notify.drafts.create', { ref, regimeId, ...(opts.stage ? { stage: opts.stage } : {}), ...(opts.audience ? { audience: opts.audience } : {}) });
  if (draft.placeholders.length > 0) draft = await author.call('notify.drafts.revise', { id: draft.id, body: draft.body.replace(/\[\[MISSING: [^\]]*\]\]/g, 'not yet known') });
  await legal.call('notify.drafts.approve', { id: draft.id });
  await legal.call('notify.drafts.markSent', { id: draft.id, channel: 'portal', recipient: 'Supervisory authority portal', ...(opts.sentAt ? { sentAt: opts.sentAt } : {}) });
  return draft.id;
}

describe('a sent notice meets its obligation', () => {
  it('the stage shows the notice and its margin, leaves the board and raises no alarm; late is said as late', async () => {
    v = await createTestVault({ idleTimeoutMs: 90 * 24 * HOUR });
    const ref = await completeBreach(v.admin);
    const lena = await v.addUser('lena', 'legal');
    const mia = await v.addUser('mia', 'manager');
    const alarms: Topics['notify.alarm'][] = [];
    v.backend.subscribe(mia.conn, 'notify.alarm', (a) => alarms.push(a));

    // GDPR Art. 33: due 2026-03-16T10:00Z (72 h from awareness); sent at 09:00 on the 14th.
    const draftId = await sendNotice(v.admin, lena, ref, 'eu-gdpr-art33');
    const after = await mia.call('notify.assess', { ref });
    const art33 = stageOf(after, 'eu-gdpr-art33', 'notification');
    expect(art33).toMatchObject({ due: '2026-03-16T10:00:00.000Z', met: { draftId, sentBy: 'lena', channel: 'portal', sentAt: '2026-03-14T09:00:00.000Z', marginMs: 49 * HOUR } });
    expect(after.regimes.find((r) => r.regime.id === 'eu-gdpr-art33')?.open).toBe(false);
    const board = await mia.call('notify.board', {});
    expect(board.some((r) => r.regimeId === 'eu-gdpr-art33')).toBe(false);
    // Other obligations of the same incident are untouched: Art. 34 (the people) is still open.
    expect(board.some((r) => r.regimeId === 'eu-gdpr-art34' && r.ref === ref)).toBe(true);

    // Its deadline passes: no alarm for a met obligation; Art. 34, unmet, alarms as before.
    v.clock.advance(3 * 24 * HOUR);
    await v.admin.call('notify.facts.set', { ref, patch: { contactPoint: 'dpo@example.eu' } });
    expect(alarms.filter((a) => a.regimeId === 'eu-gdpr-art33')).toEqual([]);
    expect(alarms.some((a) => a.regimeId !== 'eu-gdpr-art33')).toBe(true);

    // The Texas AG notice (due 12 April, 30 days from the determination) recorded as sent two days late: a negative margin.
    const late = await sendNotice(v.admin, lena, ref, 'us-tx-ag', { sentAt: '2026-04-14T10:00:00Z' }).catch((e: Error) => e);
    // (Recording a send in the future is refused: the clock is at the 17th.)
    expect(late).toBeInstanceOf(Error);
    v.clock.advance(40 * 24 * HOUR);
    await sendNotice(v.admin, lena, ref, 'us-tx-ag', { sentAt: '2026-04-14T10:00:00Z' });
    const tx = stageOf(await mia.call('notify.assess', { ref }), 'us-tx-ag', 'ag-notice');
    expect(tx?.due).toBe('2026-04-12T10:00:00.000Z');
    expect(tx?.met?.marginMs).toBe(-48 * HOUR);
  });

  it('a notice to another audience (a board briefing) does not meet the regulator\'s obligation', async () => {
    v = await createTestVault();
    const ref = await completeBreach(v.admin);
    const lena = await v.addUser('lena', 'legal');
    await sendNotice(v.admin, lena, ref, 'eu-gdpr-art33', { audience: 'board' });
    const a = await lena.call('notify.assess', { ref });
    expect(stageOf(a, 'eu-gdpr-art33', 'notification')?.met).toBeNull();
    expect((await lena.call('notify.board', {})).some((r) => r.regimeId === 'eu-gdpr-art33')).toBe(true);
  });

  it('a staged regime keeps tracking its next report: NIS2 early warning sent, the 72 h notification is still due, the final report counts from its submission', async () => {
    v = await createTestVault({ idleTimeoutMs: 30 * 24 * HOUR });
    const ref = await completeBreach(v.admin);
    await v.admin.call('notify.facts.set', { ref, patch: { nis2Entity: 'essential', significantIncident: true, establishedIn: ['DE'] } });
    const lena = await v.addUser('lena', 'legal');
    const before = await lena.call('notify.assess', { ref });
    const nis2 = before.regimes.find((r) => r.regime.id === 'eu-nis2-art23');
    expect(nis2?.outcome).toBe('notify');
    expect(nis2?.stages.map((s) => s.id)).toEqual(expect.arrayContaining(['early-warning', 'notification', 'final-report']));

    await sendNotice(v.admin, lena, ref, 'eu-nis2-art23', { stage: 'early-warning' });
    const mid = await lena.call('notify.assess', { ref });
    expect(stageOf(mid, 'eu-nis2-art23', 'early-warning')?.met).not.toBeNull();
    expect(stageOf(mid, 'eu-nis2-art23', 'notification')?.met).toBeNull();
    const board = (await lena.call('notify.board', {})).filter((r) => r.regimeId === 'eu-nis2-art23').map((r) => r.stageId);
    expect(board).toEqual(expect.arrayContaining(['notification', 'final-report']));
    expect(board).not.toContain('early-warning');

    // The notification goes out 30 h after awareness (before its 72 h deadline): the final report, a month after it, counts from then.
    v.clock.advance(7 * HOUR);
    await sendNotice(v.admin, lena, ref, 'eu-nis2-art23', { stage: 'notification' });
    const done = await lena.call('notify.assess', { ref });
    const final = stageOf(done, 'eu-nis2-art23', 'final-report');
    expect(final?.clockStart).toBe('2026-03-14T16:00:00.000Z');
    expect(final?.startsAt).toMatch(/submission of "notification"/);
    expect(final?.met).toBeNull();
    expect((await lena.call('notify.board', {})).filter((r) => r.regimeId === 'eu-nis2-art23').map((r) => r.stageId)).toEqual(['final-report']);
  });
});

describe('deciding that a notice is not required', () => {
  it('legal records it with a reason: logged, off the board; withdrawing puts it back; repeats and bad input change nothing', async () => {
    v = await createTestVault();
    const ref = await completeBreach(v.admin);
    const lena = await v.addUser('lena', 'legal');
    const mia = await v.addUser('mia', 'manager');
    expect((await mia.call('notify.board', {})).some((r) => r.regimeId === 'us-tx-ag')).toBe(true);

    const decided = await lena.call('notify.decide', { ref, regimeId: 'us-tx-ag', decision: 'not-required', reason: 'Our processor notified the Texas AG for all 300 people (their letter is evidence E-12)' });
    const tx = decided.regimes.find((r) => r.regime.id === 'us-tx-ag');
    expect(tx).toMatchObject({ outcome: 'notify', open: false, decision: { decision: 'not-required', by: 'lena' } });
    expect(tx?.decision?.reason).toMatch(/processor notified/);
    expect((await mia.call('notify.board', {})).some((r) => r.regimeId === 'us-tx-ag')).toBe(false);
    const events = await v.admin.call('audit.list', { type: 'notify.decision' });
    expect(events.rows[0]).toMatchObject({
      actor: 'lena', incidentRef: ref,
      data: { regimeId: 'us-tx-ag', decision: 'not-required', outcome: 'notify', openStages: [expect.objectContaining({ id: 'ag-notice' })] },
    });

    const count = async () => (await v!.admin.call('audit.list', { type: 'notify.decision' })).rows.length;
    expect(expectFailure(await lena.attempt('notify.decide', { ref, regimeId: 'us-tx-ag', decision: 'not-required', reason: 'Again' }), 'CONFLICT').message).toMatch(/already decided not required .* by lena/);
    expectFailure(await mia.attempt('notify.decide', { ref, regimeId: 'us-ca-ag', decision: 'not-required', reason: 'Managers may not decide this' }), 'FORBIDDEN');
    expectFailure(await lena.attempt('notify.decide', { ref, regimeId: 'no-such-regime', decision: 'not-required', reason: 'A regime that does not exist' }), 'NOT_FOUND');
    expectFailure(await lena.attempt('notify.decide', { ref, regimeId: 'us-ca-ag', decision: 'not-required', reason: ' ' }), 'VALIDATION');
    expectFailure(await lena.attempt('notify.decide', { ref: 'IR-2026-9999', regimeId: 'us-ca-ag', decision: 'not-required', reason: 'No such incident' }), 'NOT_FOUND');
    expectFailure(await lena.attempt('notify.decide', { ref, regimeId: 'us-ca-ag', decision: 'required', reason: 'Nothing to withdraw' }), 'CONFLICT');
    expect(await count()).toBe(1);
    expect((await lena.call('notify.assess', { ref })).regimes.find((r) => r.regime.id === 'us-ca-ag')?.decision).toBeNull();

    const back = await lena.call('notify.decide', { ref, regimeId: 'us-tx-ag', decision: 'required', reason: 'The processor letter covered only 120 of the 300' });
    expect(back.regimes.find((r) => r.regime.id === 'us-tx-ag')).toMatchObject({ open: true, decision: { decision: 'required', by: 'lena' } });
    expect((await mia.call('notify.board', {})).some((r) => r.regimeId === 'us-tx-ag')).toBe(true);
    expect(await count()).toBe(2);
    expect((await v.admin.call('log.verify', {})).ok).toBe(true);
  });
});

describe('closing an incident ends no obligation', () => {
  it('the obligations of a closed incident stay on the board, marked closed, and keep their alarms', async () => {
    v = await createTestVault({ idleTimeoutMs: 30 * 24 * HOUR });
    const ref = await completeBreach(v.admin);
    const mia = await v.addUser('mia', 'manager');
    const alarms: Topics['notify.alarm'][] = [];
    v.backend.subscribe(mia.conn, 'notify.alarm', (a) => alarms.push(a));
    for (const status of ['triaged', 'contained', 'eradicated', 'recovered', 'closed'] as const) {
      await v.admin.call('incidents.setStatus', { ref, status, reason: 'Closed over the open notices on purpose, for this test' });
    }
    const board = await mia.call('notify.board', {});
    const art33 = board.find((r) => r.ref === ref && r.regimeId === 'eu-gdpr-art33');
    expect(art33).toMatchObject({ incidentStatus: 'closed', due: '2026-03-16T10:00:00.000Z' });

    v.clock.advance(2 * 24 * HOUR);
    await v.admin.call('notify.facts.set', { ref, patch: { contactPoint: 'dpo@example.eu' } });
    expect(alarms.some((a) => a.ref === ref && a.regimeId === 'eu-gdpr-art33')).toBe(true);
  });
});
