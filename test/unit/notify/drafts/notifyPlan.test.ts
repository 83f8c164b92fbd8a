import { afterEach, describe, expect, it } from 'vitest';
import { expectFailure } from '../../../helpers/client';
import { createTestVault, type TestVault } from '../../../helpers/testVault';
import { completeBreach } from './draftFixture';

let v: TestVault | null = null;
afterEach(() => {
  v?.dispose();
  v = null;
});

describe('the notification plan', () => {
  it('makes two approvers the default for new notices once an administrator says so; the change is logged', async () => {
    v = await createTestVault();
    const ref = await completeBreach(v.admin);
    expect(await v.admin.call('settings.notifyPlan.get', {})).toEqual({ twoApprovers: false });
    const before = await v.admin.call('notify.drafts.create', { ref, regimeId: 'eu-gdpr-art33' });
    expect(before.requiredApprovals).toBe(1);

    expect(await v.admin.call('settings.notifyPlan.set', { twoApprovers: true })).toEqual({ twoApprovers: true });
    const after = await v.admin.call('notify.drafts.create', { ref, regimeId: 'us-tx-ag' });
    expect(after.requiredApprovals).toBe(2);
    // A notice may still say otherwise, explicitly; an existing one keeps what it was created with.
    expect((await v.admin.call('notify.drafts.create', { ref, regimeId: 'us-ca-1798-82', twoApprovers: false })).requiredApprovals).toBe(1);
    expect((await v.admin.call('notify.drafts.get', { id: before.id })).requiredApprovals).toBe(1);

    const log = await v.admin.call('audit.list', { type: 'settings.changed' });
    expect(log.rows.find((r) => (r.data as { key: string }).key === 'notify.plan')).toMatchObject({ actor: 'admin', data: { changes: { twoApprovers: { from: false, to: true } } } });
    // Setting it again changes nothing and logs nothing.
    await v.admin.call('settings.notifyPlan.set', { twoApprovers: true });
    expect((await v.admin.call('audit.list', { type: 'settings.changed' })).rows.filter((r) => (r.data as { key: string }).key === 'notify.plan')).toHaveLength(1);

    const legal = await v.addUser('lena', 'legal');
    expect(await legal.call('settings.notifyPlan.get', {})).toEqual({ twoApprovers: true });
    expectFailure(await legal.attempt('settings.notifyPlan.set', { twoApprovers: false }), 'FORBIDDEN');
    expectFailure(await v.admin.raw('settings.notifyPlan.set', { twoApprovers: 'yes' }), 'VALIDATION');
  });
});
