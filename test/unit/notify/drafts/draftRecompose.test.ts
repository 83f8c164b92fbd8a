import { afterEach, describe, expect, it } from 'vitest';
import { expectFailure } from '../../../helpers/client';
import { createTestVault, type TestVault } from '../../../helpers/testVault';
import { breachIncident, COMPLETE_FACTS, LETTERHEAD } from './draftFixture';

let v: TestVault | null = null;
afterEach(() => {
  v?.dispose();
  v = null;
});

describe('a draft written again from the facts', () => {
  it('fills the placeholders of facts found since, as a new version that clears approvals; a sent notice is refused', async () => {
    v = await createTestVault();
    await v.admin.call('settings.letterhead.set', LETTERHEAD);
    const ref = await breachIncident(v.admin);
    const { likelyConsequences: _later, ...early } = COMPLETE_FACTS;
    await v.admin.call('notify.facts.set', { ref, patch: early });
    const first = await v.admin.call('notify.drafts.create', { ref, regimeId: 'eu-gdpr-art33' });
    expect(first.placeholders).toEqual(['likely consequences']);
    expect(first.contents.find((c) => c.field === 'likelyConsequences')?.present).toBe(false);
    const legal = await v.addUser('lena', 'legal');
    expectFailure(await legal.attempt('notify.drafts.approve', { id: first.id }), 'VALIDATION');

    await v.admin.call('notify.facts.set', { ref, patch: { likelyConsequences: COMPLETE_FACTS.likelyConsequences ?? null } });
    const second = await v.admin.call('notify.drafts.recompose', { id: first.id });
    expect(second).toMatchObject({ version: 2, placeholders: [], status: 'draft' });
    expect(second.body).toContain('convincing phishing e-mails');
    expect(second.contents.every((c) => c.present)).toBe(true);
    const diff = await v.admin.call('notify.drafts.diff', { id: first.id, from: 1, to: 2 });
    expect(diff.lines.some((l) => l.op === 'remove' && l.text.includes('[[MISSING: likely consequences]]'))).toBe(true);
    // Nothing new in the facts: nothing to change.
    expectFailure(await v.admin.attempt('notify.drafts.recompose', { id: first.id }), 'VALIDATION');

    await legal.call('notify.drafts.approve', { id: first.id });
    await legal.call('notify.drafts.markSent', { id: first.id, channel: 'portal', recipient: 'BfDI online form' });
    expectFailure(await v.admin.attempt('notify.drafts.recompose', { id: first.id }), 'CONFLICT');
    const manager = await v.addUser('mia', 'manager');
    expectFailure(await manager.attempt('notify.drafts.recompose', { id: first.id }), 'FORBIDDEN');
  });
});
