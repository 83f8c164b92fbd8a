import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_LETTERHEAD } from '../../../../contract';
import { expectFailure } from '../../../helpers/client';
import { createTestVault, type TestVault } from '../../../helpers/testVault';
import { LETTERHEAD } from './draftFixture';

let v: TestVault | null = null;
afterEach(() => {
  v?.dispose();
  v = null;
});

describe('settings.letterhead', () => {
  it('empty until an administrator sets it; every signed-in user reads it; changes are logged with old and new values', async () => {
    v = await createTestVault();
    const auditor = await v.addUser('audrey', 'auditor');
    const legal = await v.addUser('lena', 'legal');
    expect(await auditor.call('settings.letterhead.get', {})).toEqual(EMPTY_LETTERHEAD);
    const set = await v.admin.call('settings.letterhead.set', { ...LETTERHEAD, address: 'Hauptstraße 5\r\n80331 München\r\n' });
    expect(set.address).toBe('Hauptstraße 5\n80331 München');
    expect(await auditor.call('settings.letterhead.get', {})).toEqual(set);
    expectFailure(await legal.attempt('settings.letterhead.set', { organisation: 'Hijacked Ltd' }), 'FORBIDDEN');
    expectFailure(await v.admin.raw('settings.letterhead.set', { email: 'not an address' }), 'VALIDATION');

    // Fields left out are cleared (the letterhead is set as a whole); the same values again log nothing.
    const renamed = await v.admin.call('settings.letterhead.set', { ...set, organisation: 'Müller Holding AG', website: '' });
    await v.admin.call('settings.letterhead.set', renamed);
    const log = await v.admin.call('audit.list', { type: 'settings.changed' });
    expect(log.rows).toHaveLength(2);
    expect(log.rows[0]).toMatchObject({ actor: 'admin', data: { key: 'letterhead', changes: { organisation: { from: 'Müller & Söhne GmbH', to: 'Müller Holding AG' }, website: { from: LETTERHEAD.website, to: '' } } } });
    expect(await v.admin.call('log.verify', {})).toMatchObject({ ok: true });
  });
});
