import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFailure } from '../../helpers/client';
import { createTestVault, type TestVault } from '../../helpers/testVault';

/**
 * Every timestamp stays editable with a reason (issue 12 §1): `incidents.update` takes an optional
 * `reason`, recorded in the `incident.updated` event next to each change's before and after.
 */
let v: TestVault;
beforeAll(async () => {
  v = await createTestVault();
});
afterAll(() => v.dispose());

describe('incidents.update with a reason', () => {
  it('records the reason with the changes; a change without one records none', async () => {
    const i = await v.admin.call('incidents.create', { title: 'Beacon to a known C2', severity: 'SEV2', category: 'malware', detectedAt: '2026-03-12T09:00:00Z' });
    await v.admin.call('incidents.update', { ref: i.ref, patch: { startedAt: '2026-03-11T22:40:00Z' }, reason: '  First beacon in the proxy log  ' });
    await v.admin.call('incidents.update', { ref: i.ref, patch: { title: 'Beacon to a known C2 server' } });
    const [corrected, renamed] = (await v.admin.call('timeline.forIncident', { ref: i.ref })).slice(-2);
    expect(corrected!.data).toEqual({ changes: [{ field: 'startedAt', before: null, after: '2026-03-11T22:40:00Z' }], reason: 'First beacon in the proxy log' });
    expect(renamed!.data).not.toHaveProperty('reason');
  });

  it('a blank reason is refused naming the fix, and nothing changes', async () => {
    const i = await v.admin.call('incidents.create', { title: 'Lost laptop', severity: 'SEV3', category: 'lost-device' });
    const before = { incident: await v.admin.call('incidents.get', { ref: i.ref }), head: (await v.admin.call('log.verify', {})).head };
    const err = expectFailure(await v.admin.attempt('incidents.update', { ref: i.ref, patch: { severity: 'SEV2' }, reason: '   ' }), 'VALIDATION');
    expect(err.issues).toEqual(['reason: say why, or leave the reason out']);
    expect({ incident: await v.admin.call('incidents.get', { ref: i.ref }), head: (await v.admin.call('log.verify', {})).head }).toEqual(before);
  });
});
