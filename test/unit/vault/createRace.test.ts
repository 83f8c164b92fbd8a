import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../../main/api';
import { CREATE_LOCK_FILE } from '../../../main/vault';
import { checkNewVault } from '../../../main/vault/checkNewVault';
import { slotAad } from '../../../main/vault/slotAad';
import { deriveKek, newKdfParams, unwrapKey, wrapKey } from '../../../main/vault/wrapKey';
import type { KeySlot, VaultFile } from '../../../main/vault/vaultFile';
import { connect, expectFailure } from '../../helpers/client';
import { makeTempDataDir, removeTempDataDir } from '../../helpers/tempDataDir';
import { ADMIN, ADMIN_PASS, TEST_LOG_N, createTestVault, passphraseFor } from '../../helpers/testVault';
import { BIN, REPO_ROOT, runRealCli } from '../cli/runCli';

const SLOW = 90_000;
let tmp: string;
beforeAll(() => {
  tmp = makeTempDataDir('create-race');
});
afterAll(() => removeTempDataDir(tmp));

const secretFile = (name: string, text: string) => {
  const p = join(tmp, name);
  writeFileSync(p, `${text}\n`, { mode: 0o600 });
  return p;
};
const vaultJson = (dataDir: string) => JSON.parse(readFileSync(join(dataDir, 'vault.json'), 'utf8')) as VaultFile;

/** Signs in on a fresh backend: the proof that the slots on disk open the database on disk. */
async function signInFresh(dataDir: string, user: string, passphrase: string): Promise<void> {
  const backend = await createBackend({ dataDir, testOnlyKdfLogN: TEST_LOG_N });
  try {
    const c = connect(backend);
    await c.call('auth.login', { user, passphrase });
    expect(await c.call('incidents.list', {})).toMatchObject({ total: 0 });
    expect((await c.call('log.verify', {})).ok).toBe(true);
  } finally {
    backend.close();
  }
}

describe('vault.create is exclusive (issue 13 §5)', () => {
  it('two `firebreak init` processes at once: one vault, the other refused, and the vault opens', { timeout: SLOW }, async () => {
    const dataDir = join(tmp, 'two-processes');
    // The production CLI: its scrypt (2^17, twice per vault) keeps both creations in flight together.
    const [a, b] = await Promise.all(
      (['alice', 'bruno'] as const).map((admin) =>
        runRealCli(['init', '--admin', admin, '--data-dir', dataDir, '--recovery-file', join(tmp, `${admin}-recovery.txt`), '--passphrase-file', secretFile(`${admin}.pass`, passphraseFor(admin))]),
      ),
    );
    expect([a!.code, b!.code].sort()).toEqual([0, 1]);
    const [winner, loser] = a!.code === 0 ? ['alice', b!] : ['bruno', a!];
    expect(loser.stderr).toMatch(/^firebreak: (a vault is being created in .* right now \(by process \d+, since .*\): only one can be; wait for it to finish, then sign in to it|a vault already exists in this data directory)\n$/);
    expect(vaultJson(dataDir).admin).toBe(winner);
    expect(existsSync(join(dataDir, CREATE_LOCK_FILE))).toBe(false);
    await signInFresh(dataDir, winner, passphraseFor(winner));
  });

  it('two connections of one backend at once: one vault, the other CONFLICT', async () => {
    const dataDir = join(tmp, 'two-connections');
    const backend = await createBackend({ dataDir, testOnlyKdfLogN: TEST_LOG_N });
    try {
      const [a, b] = await Promise.all([
        connect(backend).attempt('vault.create', { admin: 'alice', passphrase: passphraseFor('alice') }),
        connect(backend).attempt('vault.create', { admin: 'bruno', passphrase: passphraseFor('bruno') }),
      ]);
      expect(a.ok).toBe(true);
      expect(expectFailure(b, 'CONFLICT').message).toMatch(
        /^a vault is being created in \S+ right now \(by another window or request of this process, since [0-9T:.-]+Z\): only one can be; wait for it to finish, then sign in to it$/,
      );
    } finally {
      backend.close();
    }
    expect(vaultJson(dataDir).slots.map((s) => s.user)).toEqual(['alice', null]);
    await signInFresh(dataDir, 'alice', passphraseFor('alice'));
  });

  it('a creation killed half way leaves a lock that names the process and what to delete', { timeout: SLOW }, async () => {
    const dataDir = join(tmp, 'killed');
    const lock = join(dataDir, CREATE_LOCK_FILE);
    const child = spawn(process.execPath, [BIN, 'init', '--admin', ADMIN, '--data-dir', dataDir, '--recovery-file', join(tmp, 'killed-recovery.txt')], {
      cwd: REPO_ROOT, env: { ...process.env, FIREBREAK_PASSPHRASE: ADMIN_PASS }, stdio: 'ignore',
    });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    // Killed while it derives its keys (a third of a second each at the production cost), holding the lock.
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (existsSync(lock) && readFileSync(lock, 'utf8').includes('\n')) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        }
      }, 5);
      child.on('exit', () => {
        clearInterval(poll);
        reject(new Error('init finished before it could be killed'));
      });
    });
    await exited;
    expect(existsSync(join(dataDir, 'vault.json'))).toBe(false);

    const backend = await createBackend({ dataDir, testOnlyKdfLogN: TEST_LOG_N });
    try {
      const refused = expectFailure(await connect(backend).attempt('vault.create', { admin: ADMIN, passphrase: ADMIN_PASS }), 'STORAGE');
      expect(refused.message).toMatch(
        new RegExp(`^an earlier vault creation in ${dataDir} did not finish: process ${child.pid} \\(started [0-9T:.-]+Z\\) ended before writing vault\\.json\\. Delete vault-create\\.lock from ${dataDir}, then create the vault again$`),
      );
      expect(existsSync(join(dataDir, 'vault.json'))).toBe(false);
      rmSync(lock);
      expect((await connect(backend).attempt('vault.create', { admin: ADMIN, passphrase: ADMIN_PASS })).ok).toBe(true);
    } finally {
      backend.close();
    }
    await signInFresh(dataDir, ADMIN, ADMIN_PASS);
  });
});

describe('checkNewVault: the slots on disk must open the database on disk', () => {
  it('passes a sound vault, and names a slot for another key or a slot missing from vault.json', async () => {
    const v = await createTestVault();
    try {
      v.backend.close();
      const written = vaultJson(v.dataDir);
      const adminSlot = written.slots.find((s) => s.kind === 'passphrase') as KeySlot;
      const kek = await deriveKek(ADMIN_PASS, adminSlot.kdf);
      const dataKey = unwrapKey(kek, adminSlot, slotAad(adminSlot)) as Buffer;
      checkNewVault(v.dataDir, ADMIN, [{ slot: adminSlot, kek }], dataKey);

      // What a second creation at the same time used to leave: slots for a key that opens nothing.
      const otherKey = randomBytes(32);
      const base = { id: randomUUID(), kind: 'passphrase' as const, user: ADMIN };
      const kdf = newKdfParams(TEST_LOG_N);
      const otherKek = await deriveKek(ADMIN_PASS, kdf);
      const orphan: KeySlot = { ...base, kdf, ...wrapKey(otherKek, otherKey, slotAad(base)), createdAt: new Date().toISOString() };
      writeFileSync(join(v.dataDir, 'vault.json'), JSON.stringify({ ...written, slots: [orphan, ...written.slots.filter((s) => s.kind === 'recovery')] }));
      expect(() => checkNewVault(v.dataDir, ADMIN, [{ slot: orphan, kek: otherKek }], otherKey)).toThrow(
        /^the new vault did not check out \(the key in vault\.json does not open firebreak\.db: .*\), so it was not kept: nothing was created; create the vault again$/,
      );
      expect(() => checkNewVault(v.dataDir, ADMIN, [{ slot: adminSlot, kek }], dataKey)).toThrow(
        'the new vault did not check out (vault.json on disk lacks the passphrase slot just written: another process wrote it at the same time)',
      );
    } finally {
      v.dispose();
    }
  });
});
