import { existsSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { VaultStatus } from '../../../contract';
import { createBackend } from '../../../main/api';
import { connect, expectFailure } from '../../helpers/client';
import { exportKey } from '../../helpers/rawDb';
import { makeTempDataDir, removeTempDataDir } from '../../helpers/tempDataDir';
import { ADMIN, ADMIN_PASS, createTestVault, TEST_LOG_N, type TestVault } from '../../helpers/testVault';

interface SlotJson {
  kind: string;
  user: string | null;
  kdf: { name: string; logN: number; r: number; p: number };
}
const readVaultJson = (dir: string): { admin: string; slots: SlotJson[] } =>
  JSON.parse(readFileSync(join(dir, 'vault.json'), 'utf8')) as { admin: string; slots: SlotJson[] };

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
async function vault(): Promise<TestVault> {
  const v = await createTestVault();
  cleanups.push(() => v.dispose());
  return v;
}

describe('vault.create', () => {
  it('keeps the data key and the recovery key out of vault.json, which is private to the owner', async () => {
    const v = await vault();
    const keyHex = await exportKey(v.admin);
    expect(keyHex).toMatch(/^[0-9a-f]{64}$/);
    const text = readFileSync(join(v.dataDir, 'vault.json'), 'utf8');
    const key = Buffer.from(keyHex, 'hex');
    for (const form of [keyHex, keyHex.toUpperCase(), key.toString('base64'), key.toString('base64url')]) {
      expect(text).not.toContain(form);
    }
    expect(v.recoveryKey).toMatch(/^FBRK(-[0-9A-Z]{4}){8}$/);
    expect(text).not.toContain(v.recoveryKey);
    expect(text).not.toContain(v.recoveryKey.replace(/^FBRK-/, '').replace(/-/g, ''));
    expect(text).not.toContain(ADMIN_PASS);
    const parsed = readVaultJson(v.dataDir);
    expect(parsed.admin).toBe(ADMIN);
    expect(parsed.slots.map((s) => [s.kind, s.user])).toEqual([['passphrase', ADMIN], ['recovery', null]]);
    if (process.platform !== 'win32') {
      expect(statSync(join(v.dataDir, 'vault.json')).mode & 0o777).toBe(0o600);
    }
  });

  it('writes an encrypted database: no SQLite header, no readable event text', async () => {
    const v = await vault();
    await v.admin.call('incidents.create', { title: 'Plaintext canary title', severity: 'SEV2', category: 'malware' });
    v.backend.close();
    const db = readFileSync(join(v.dataDir, 'firebreak.db'));
    expect(db.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    for (const file of ['firebreak.db', 'firebreak.db-wal']) {
      const p = join(v.dataDir, file);
      if (!existsSync(p)) continue;
      const bytes = readFileSync(p);
      expect(bytes.includes('Plaintext canary title')).toBe(false);
      expect(bytes.includes('vault.created')).toBe(false);
    }
  });

  it('reports the vault in vault.status before and after, and refuses a second vault', async () => {
    const dir = makeTempDataDir('status');
    const backend = await createBackend({ dataDir: dir, testOnlyKdfLogN: TEST_LOG_N });
    cleanups.push(() => {
      backend.close();
      removeTempDataDir(dir);
    });
    const c = connect(backend);
    expect(await c.call('vault.status', {})).toEqual<VaultStatus>({ initialized: false, unlocked: false, dataDir: dir, adminUser: null });
    expectFailure(await c.attempt('auth.login', { user: ADMIN, passphrase: ADMIN_PASS }), 'NOT_INITIALIZED');
    await c.call('vault.create', { admin: ADMIN, passphrase: ADMIN_PASS });
    expect(await c.call('vault.status', {})).toEqual<VaultStatus>({ initialized: true, unlocked: true, dataDir: dir, adminUser: ADMIN });
    expectFailure(await connect(backend).attempt('vault.create', { admin: 'other', passphrase: 'Other 7rusty kettle!' }), 'ALREADY_EXISTS');
    expect(readVaultJson(dir).admin).toBe(ADMIN);
  });

  it('refuses a weak first passphrase and creates nothing', async () => {
    const dir = makeTempDataDir('weak');
    const backend = await createBackend({ dataDir: dir, testOnlyKdfLogN: TEST_LOG_N });
    cleanups.push(() => {
      backend.close();
      removeTempDataDir(dir);
    });
    for (const passphrase of ['short1!', 'aaaaaaaaaaaaaaaa', 'lowercaseonly', 'my admin passphrase 1', 'password-is-long-1']) {
      const err = expectFailure(await connect(backend).attempt('vault.create', { admin: ADMIN, passphrase }), 'VALIDATION');
      expect(err.issues?.[0]).toMatch(/^passphrase: /);
    }
    expect(existsSync(join(dir, 'vault.json'))).toBe(false);
    expect(existsSync(join(dir, 'firebreak.db'))).toBe(false);
  });

  it('refuses to create a vault over a database whose vault.json is gone', async () => {
    const v = await vault();
    v.backend.close();
    unlinkSync(join(v.dataDir, 'vault.json'));
    const db = readFileSync(join(v.dataDir, 'firebreak.db'));
    const b = await v.reopen();
    const err = expectFailure(await connect(b).attempt('vault.create', { admin: ADMIN, passphrase: ADMIN_PASS }), 'STORAGE');
    expect(err.message).toContain('vault.json');
    expect(readFileSync(join(v.dataDir, 'firebreak.db')).equals(db)).toBe(true);
  });
});

describe('production key derivation', () => {
  // The only test with the default (slow) parameters: ARCHITECTURE.md §3 asks for scrypt N ≥ 2^17.
  it('uses scrypt with logN 17 for every slot when testOnlyKdfLogN is not given', async () => {
    const dir = makeTempDataDir('logn17');
    const backend = await createBackend({ dataDir: dir });
    cleanups.push(() => {
      backend.close();
      removeTempDataDir(dir);
    });
    await connect(backend).call('vault.create', { admin: ADMIN, passphrase: ADMIN_PASS });
    const { slots } = readVaultJson(dir);
    expect(slots).toHaveLength(2);
    for (const s of slots) expect(s.kdf).toMatchObject({ name: 'scrypt', logN: 17, r: 8, p: 1 });
    await connect(backend).call('auth.login', { user: ADMIN, passphrase: ADMIN_PASS });
  }, 60_000);
});
