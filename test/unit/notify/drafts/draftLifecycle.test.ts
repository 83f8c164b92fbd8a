import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { expectFailure } from '../../../helpers/client';
import { createTestVault, type TestVault } from '../../../helpers/testVault';
import { completeBreach } from './draftFixture';

let v: TestVault | null = null;
afterEach(() => {
  v?.dispose();
  v = null;
});

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('notification drafts: versions, approval, sending', () => {
  it('every revision is a new version with a diff; editing an approved draft clears its approval', async () => {
    v = await createTestVault();
    const ref = await completeBreach(v.admin);
    const legal = await v.addUser('lena', 'legal');
    const first = await v.admin.call('notify.drafts.create', { ref, regimeId: 'eu-gdpr-art33' });
    expect(first.bodySha256).toBe(sha256(first.body));
    const approved = await legal.call('notify.drafts.approve', { id: first.id });
    expect(approved).toMatchObject({ status: 'approved', approvals: [{ user: 'lena' }] });

    const body = first.body.replace('We will provide further information', 'We will send further information').replace(/\r?\n/g, '\r\n');
    const second = await v.admin.call('notify.drafts.revise', { id: first.id, body, title: 'Personal data breach notification (GDPR Art. 33)' });
    // CRLF from a Windows editor is stored as LF: the hash does not depend on the platform.
    expect(second).toMatchObject({ version: 2, latestVersion: 2, status: 'draft', approvals: [], editedBy: 'admin', title: 'Personal data breach notification (GDPR Art. 33)' });
    expect(second.body).not.toContain('\r');
    expect(second.versions.map((x) => [x.version, x.approvals.length])).toEqual([[1, 1], [2, 0]]);
    expectFailure(await v.admin.attempt('notify.drafts.revise', { id: first.id, body: second.body }), 'VALIDATION');

    // Old versions stay readable as they were.
    expect(await v.admin.call('notify.drafts.get', { id: first.id, version: 1 })).toMatchObject({ version: 1, latestVersion: 2, body: first.body, approvals: [{ user: 'lena' }] });
    expectFailure(await v.admin.attempt('notify.drafts.get', { id: first.id, version: 7 }), 'NOT_FOUND');

    const diff = await v.admin.call('notify.drafts.diff', { id: first.id, from: 1, to: 2 });
    expect(diff.lines.filter((l) => l.op === 'remove').map((l) => l.text)).toEqual([`Subject: ${first.title}`, 'We will provide further information without undue delay as it becomes available.']);
    expect(diff.lines.filter((l) => l.op === 'add').map((l) => l.text)).toEqual(['Subject: Personal data breach notification (GDPR Art. 33)', 'We will send further information without undue delay as it becomes available.']);
    expect(diff.unified).toMatch(/^--- version 1/m);
    expect(diff.unified).toMatch(/^\+We will send further information/m);

    const list = await v.admin.call('notify.drafts.list', { ref });
    expect(list).toEqual([expect.objectContaining({ id: first.id, regimeId: 'eu-gdpr-art33', status: 'draft', latestVersion: 2, placeholders: 0, sentAt: null })]);
    const revised = await v.admin.call('audit.list', { type: 'notify.draft_revised' });
    expect(revised.rows[0]).toMatchObject({ incidentRef: ref, data: { draftId: first.id, version: 2, sha256: second.bodySha256, approvalsCleared: 1 } });
  });

  it('two approvers: two different people, neither the last editor; one person cannot approve twice', async () => {
    v = await createTestVault();
    const ref = await completeBreach(v.admin);
    const lena = await v.addUser('lena', 'legal');
    const luis = await v.addUser('luis', 'legal');
    const draft = await lena.call('notify.drafts.create', { ref, regimeId: 'us-tx-ag', twoApprovers: true });
    expect(draft).toMatchObject({ requiredApprovals: 2, createdBy: 'lena', editedBy: 'lena' });

    const own = expectFailure(await lena.attempt('notify.drafts.approve', { id: draft.id }), 'CONFLICT');
    expect(own.message).toMatch(/neither may be the last editor: lena wrote version 1/);
    const one = await luis.call('notify.drafts.approve', { id: draft.id });
    expect(one).toMatchObject({ status: 'draft', approvals: [{ user: 'luis' }] });
    expect(expectFailure(await luis.attempt('notify.drafts.approve', { id: draft.id }), 'CONFLICT').message).toMatch(/luis already approved version 1; the second approval must come from someone else/);
    // Not yet approved: it cannot be recorded as sent.
    expectFailure(await luis.attempt('notify.drafts.markSent', { id: draft.id, channel: 'portal', recipient: 'Texas Attorney General' }), 'CONFLICT');
    const two = await v.admin.call('notify.drafts.approve', { id: draft.id });
    expect(two).toMatchObject({ status: 'approved', approvals: [{ user: 'luis' }, { user: 'admin' }] });
    expectFailure(await lena.attempt('notify.drafts.approve', { id: draft.id }), 'CONFLICT');
    const log = await v.admin.call('audit.list', { type: 'notify.draft_approved' });
    expect(log.rows.map((r) => [r.actor, r.data.approvals])).toEqual([['admin', 2], ['luis', 1]]);
  });

  it('a sent notice is frozen: revise, approve and send again are refused; a supplement follows it; all of it is in the hash chain', async () => {
    v = await createTestVault();
    const ref = await completeBreach(v.admin);
    const legal = await v.addUser('lena', 'legal');
    const draft = await legal.call('notify.drafts.create', { ref, regimeId: 'eu-gdpr-art33' });
    await legal.call('notify.drafts.approve', { id: draft.id });
    const pdf = await legal.call('notify.drafts.export', { id: draft.id, format: 'pdf', recipient: 'Bayerisches Landesamt für Datenschutzaufsicht' });
    const sent = await legal.call('notify.drafts.markSent', {
      id: draft.id, channel: 'portal', recipient: 'Bayerisches Landesamt für Datenschutzaufsicht', sentAt: '2026-03-14T08:30:00Z', sha256: pdf.sha256, format: 'pdf',
    });
    expect(sent).toMatchObject({
      status: 'sent',
      sent: { channel: 'portal', recipient: 'Bayerisches Landesamt für Datenschutzaufsicht', at: '2026-03-14T08:30:00.000Z', sha256: pdf.sha256, hashOf: 'pdf', by: 'lena', version: 1 },
    });

    const revise = expectFailure(await legal.attempt('notify.drafts.revise', { id: draft.id, body: 'Something else entirely.' }), 'CONFLICT');
    expect(revise.message).toMatch(/was sent on 2026-03-14T08:30:00.000Z and cannot be revised: send a supplementary notice instead/);
    expectFailure(await v.admin.attempt('notify.drafts.approve', { id: draft.id }), 'CONFLICT');
    expectFailure(await legal.attempt('notify.drafts.markSent', { id: draft.id, channel: 'email', recipient: 'someone@example.org' }), 'CONFLICT');
    expect(await legal.call('notify.drafts.get', { id: draft.id })).toMatchObject({ latestVersion: 1, body: draft.body, status: 'sent' });
    // A draft that was never sent takes a revision, not a supplement.
    const other = await legal.call('notify.drafts.create', { ref, regimeId: 'eu-gdpr-art34' });
    expectFailure(await legal.attempt('notify.drafts.supplement', { id: other.id }), 'CONFLICT');

    const supplement = await legal.call('notify.drafts.supplement', { id: draft.id });
    expect(supplement).toMatchObject({ supplementTo: draft.id, regimeId: 'eu-gdpr-art33', audience: 'authority', status: 'draft', version: 1, placeholders: [] });
    expect(supplement.title).toMatch(/^Supplementary notification/);
    expect(supplement.body).toMatch(/This is a supplementary notice to our notice "Notification of a personal data breach under GDPR Art\. 33" of 14 March 2026/);

    const audit = await v.admin.call('audit.list', { text: draft.id, limit: 50 });
    expect(audit.rows.map((r) => r.type).reverse()).toEqual(['notify.draft_created', 'notify.draft_approved', 'notify.sent', 'notify.draft_created']);
    const sentEvent = (await v.admin.call('audit.list', { type: 'notify.sent' })).rows[0];
    expect(sentEvent).toMatchObject({
      actor: 'lena', incidentRef: ref,
      data: { draftId: draft.id, version: 1, channel: 'portal', recipient: 'Bayerisches Landesamt für Datenschutzaufsicht', at: '2026-03-14T08:30:00.000Z', sha256: pdf.sha256, hashOf: 'pdf', bodySha256: draft.bodySha256 },
    });
    const timeline = await v.admin.call('timeline.forIncident', { ref });
    expect(timeline.some((e) => e.type === 'notify.sent')).toBe(true);
    expect(await v.admin.call('log.verify', {})).toMatchObject({ ok: true });
  });

  it('without an exported file\'s hash, "sent" records the body\'s; a send time in the future is refused', async () => {
    v = await createTestVault();
    const ref = await completeBreach(v.admin);
    const draft = await v.admin.call('notify.drafts.create', { ref, regimeId: 'us-tx-ag' });
    await v.admin.call('notify.drafts.approve', { id: draft.id });
    expectFailure(await v.admin.attempt('notify.drafts.markSent', { id: draft.id, channel: 'portal', recipient: 'Texas AG', sentAt: '2026-03-15T09:00:00Z' }), 'VALIDATION');
    expectFailure(await v.admin.raw('notify.drafts.markSent', { id: draft.id, channel: 'portal', recipient: 'Texas AG', sha256: 'a'.repeat(64) }), 'VALIDATION');
    const sent = await v.admin.call('notify.drafts.markSent', { id: draft.id, channel: 'portal', recipient: 'Texas AG' });
    expect(sent.sent).toMatchObject({ sha256: sha256(draft.body), hashOf: 'body', at: v.clock.iso() });
  });

  it('who may do what: responders draft, legal approves and sends, managers and auditors only read', async () => {
    v = await createTestVault();
    const ref = await completeBreach(v.admin);
    const responder = await v.addUser('rita', 'responder');
    const legal = await v.addUser('lena', 'legal');
    const manager = await v.addUser('mia', 'manager');
    const auditor = await v.addUser('audrey', 'auditor');
    const operator = await v.addUser('otto', 'backup-operator');

    expectFailure(await auditor.attempt('notify.drafts.create', { ref, regimeId: 'eu-gdpr-art33' }), 'FORBIDDEN');
    expectFailure(await manager.attempt('notify.drafts.create', { ref, regimeId: 'eu-gdpr-art33' }), 'FORBIDDEN');
    const draft = await responder.call('notify.drafts.create', { ref, regimeId: 'eu-gdpr-art33' });
    expectFailure(await responder.attempt('notify.drafts.approve', { id: draft.id }), 'FORBIDDEN');
    expectFailure(await manager.attempt('notify.drafts.approve', { id: draft.id }), 'FORBIDDEN');
    expectFailure(await auditor.attempt('notify.drafts.revise', { id: draft.id, body: 'x' }), 'FORBIDDEN');
    expect((await manager.call('notify.drafts.get', { id: draft.id })).id).toBe(draft.id);
    expect((await auditor.call('notify.drafts.export', { id: draft.id, format: 'md' })).fileName).toMatch(/\.md$/);
    expectFailure(await operator.attempt('notify.drafts.list', { ref }), 'FORBIDDEN');
    await legal.call('notify.drafts.approve', { id: draft.id });
    expectFailure(await responder.attempt('notify.drafts.markSent', { id: draft.id, channel: 'post', recipient: 'BayLDA' }), 'FORBIDDEN');
    await legal.call('notify.drafts.markSent', { id: draft.id, channel: 'post', recipient: 'BayLDA' });
    expect((await v.admin.call('audit.list', { type: 'notify.draft_approved' })).rows.map((r) => r.actor)).toEqual(['lena']);
  });
});
