import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../main/store';
import { connect, expectFailure } from '../../helpers/client';
import { exportKey, withRawDb, type RawDb } from '../../helpers/rawDb';
import { ADMIN, ADMIN_PASS, createTestVault, type TestVault } from '../../helpers/testVault';

let v: TestVault;
beforeEach(async () => {
  v = await createTestVault();
});
afterEach(() => v.dispose());

describe('a database from a newer Firebreak', () => {
  it('is refused at sign-in with STORAGE and a clear message, and left as it is', async () => {
    const keyHex = await exportKey(v.admin);
    await v.admin.call('auth.logout', {});
    const countUnlocks = (db: RawDb) => db.prepare("SELECT count(*) AS n FROM events WHERE type = 'vault.unlocked'").get();
    const unlocksBefore = withRawDb(v.dataDir, keyHex, countUnlocks);
    const future = MIGRATIONS.at(-1)!.version + 1000;
    withRawDb(v.dataDir, keyHex, (db) => db.pragma(`user_version = ${future}`));

    const c = connect(v.backend);
    const err = expectFailure(await c.attempt('auth.login', { user: ADMIN, passphrase: ADMIN_PASS }), 'STORAGE');
    expect(err.message).toMatch(/newer Firebreak/);
    expect(err.message).toContain(String(future));
    expect(err.message).toMatch(/upgrade/i);
    expect(await c.call('auth.session', {})).toBeNull();
    expect(await c.call('vault.status', {})).toMatchObject({ unlocked: false });

    withRawDb(v.dataDir, keyHex, (db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(future);
      // Refused before anything was written: no unlock event for the attempt.
      expect(countUnlocks(db)).toEqual(unlocksBefore);
    });
  });
});
