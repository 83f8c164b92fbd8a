import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ApiFailure } from '../../contract';
import { generateRecoveryKey, normalizeRecoveryKey } from './recoveryKey';
import { acquireCreateLock } from './acquireCreateLock';
import { DB_FILE, VAULT_FILE, readVaultFile, vaultExists, writeVaultFile, type KeySlot, type VaultFile } from './vaultFile';
import { DEFAULT_LOG_N, deriveKek, newKdfParams, unwrapKey, wrapKey } from './wrapKey';
import { checkNewVault } from './checkNewVault';
import { slotAad } from './slotAad';

const aadFor = slotAad;

/**
 * A user's passphrase slot as a sign-in opened it: its id and its key-encryption key. Only that
 * user's passphrase derives the KEK, so what is wrapped under it (the user's own key, main/auth
 * userKeys) opens for that user's sign-in alone. Held in memory only, never written.
 */
export interface SlotKey {
  slotId: string;
  user: string;
  kek: Buffer;
}

/**
 * The key slots in vault.json. The data key (which opens the database) exists on disk only
 * wrapped; changing a passphrase rewrites one slot and never touches the database.
 */
export class Vault {
  constructor(
    readonly dataDir: string,
    private readonly logN: number = DEFAULT_LOG_N,
  ) {}

  exists(): boolean {
    return vaultExists(this.dataDir);
  }

  read(): VaultFile {
    return readVaultFile(this.dataDir);
  }

  adminName(): string | null {
    return this.exists() ? this.read().admin : null;
  }

  /**
   * New random data key, the admin's slot and the recovery slot. `initialize` runs with the data
   * key before vault.json is written, so a crash mid-create leaves no vault that opens nothing.
   * The recovery key is returned once and stored nowhere.
   *
   * Exclusive across processes and connections (issue 13 §5): two creations at once would each
   * write slots for their own key, and the later vault.json would open nothing. A lock file taken
   * with O_EXCL makes the second one fail at once, and before success is reported the slots as
   * written on disk are opened again and their key must open the database as written on disk.
   * On any failure the files this call made are removed (after `abandon` closes the database).
   */
  async create(
    admin: string,
    passphrase: string,
    hooks: { initialize: (dataKey: Buffer, adminSlot: SlotKey, recoveryKey: string) => void; abandon: () => void },
  ): Promise<{ dataKey: Buffer; recoveryKey: string }> {
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    const release = acquireCreateLock(this.dataDir);
    try {
      if (this.exists()) throw new ApiFailure('ALREADY_EXISTS', 'a vault already exists in this data directory');
      if (existsSync(join(this.dataDir, DB_FILE))) {
        throw new ApiFailure('STORAGE', `${DB_FILE} exists in ${this.dataDir} but ${VAULT_FILE} does not: restore ${VAULT_FILE} from a backup, or move ${DB_FILE} away to start afresh`);
      }
      const dataKey = randomBytes(32);
      const recoveryKey = generateRecoveryKey();
      const admins = await this.makeCheckedSlot('passphrase', admin, passphrase, dataKey);
      const recovery = await this.makeCheckedSlot('recovery', null, recoveryKey, dataKey);
      let wrote = false;
      try {
        // The admin's slot key goes to initialize (their own key is wrapped under it); zeroed below.
        // The recovery key too: the personal-data key is granted to a key pair derived from it.
        hooks.initialize(dataKey, { slotId: admins.slot.id, user: admin, kek: admins.kek }, recoveryKey);
        writeVaultFile(this.dataDir, { format: 'firebreak-vault', version: 1, createdAt: new Date().toISOString(), admin, slots: [admins.slot, recovery.slot] });
        wrote = true;
        checkNewVault(this.dataDir, admin, [admins, recovery], dataKey);
      } catch (err) {
        hooks.abandon();
        // Only what this call made: the database did not exist when it began (checked under the lock).
        if (wrote) rmSync(join(this.dataDir, VAULT_FILE), { force: true });
        this.discardOrphanDatabase();
        throw err;
      } finally {
        admins.kek.fill(0);
        recovery.kek.fill(0);
      }
      return { dataKey, recoveryKey };
    } finally {
      release();
    }
  }

  /** The data key, or null when the passphrase is wrong or the user has no slot. */
  async unlockWithPassphrase(user: string, passphrase: string): Promise<Buffer | null> {
    return (await this.openPassphraseSlot(user, passphrase))?.dataKey ?? null;
  }

  /** The data key and the opened slot (its KEK, for the user's own key), or null when the passphrase is wrong or the user has no slot. */
  async openPassphraseSlot(user: string, passphrase: string): Promise<{ dataKey: Buffer; slot: SlotKey } | null> {
    const slot = this.read().slots.find((s) => s.kind === 'passphrase' && s.user === user);
    if (!slot) {
      // Same work as a real attempt, so timing does not reveal which user names exist.
      await deriveKek(passphrase, newKdfParams(this.logN));
      return null;
    }
    const kek = await deriveKek(passphrase, slot.kdf);
    const dataKey = unwrapKey(kek, slot, aadFor(slot));
    if (!dataKey) {
      kek.fill(0);
      return null;
    }
    return { dataKey, slot: { slotId: slot.id, user, kek } };
  }

  /** The data key, or null when the recovery key is malformed or does not open the recovery slot. */
  async unlockWithRecoveryKey(input: string): Promise<Buffer | null> {
    const key = normalizeRecoveryKey(input);
    const slot = this.read().slots.find((s) => s.kind === 'recovery');
    if (!key || !slot) return null;
    return unwrapKey(await deriveKek(key, slot.kdf), slot, aadFor(slot));
  }

  /** Adds or replaces the user's passphrase slot (new user, changed or recovered passphrase). */
  async setUserPassphrase(user: string, passphrase: string, dataKey: Buffer): Promise<void> {
    this.installUserSlot(await this.prepareUserSlot(user, passphrase, dataKey));
  }

  /**
   * A passphrase slot for `user`, not yet written: the slow key derivation runs here, so the
   * write (installUserSlot) can happen inside a database transaction, which must not await.
   */
  prepareUserSlot(user: string, passphrase: string, dataKey: Buffer): Promise<KeySlot> {
    return this.makeSlot('passphrase', user, passphrase, dataKey);
  }

  /** As prepareUserSlot, with the new slot's key, so the user's own key can be wrapped for it before it is installed. */
  async preparePassphraseSlot(user: string, passphrase: string, dataKey: Buffer): Promise<{ slot: KeySlot; key: SlotKey }> {
    const made = await this.makeCheckedSlot('passphrase', user, passphrase, dataKey);
    return { slot: made.slot, key: { slotId: made.slot.id, user, kek: made.kek } };
  }

  /** Writes a prepared slot in place of the user's old one (if any); the user is no longer listed as disabled. */
  installUserSlot(slot: KeySlot): void {
    const user = slot.user;
    if (slot.kind !== 'passphrase' || user === null) throw new Error('installUserSlot takes a passphrase slot');
    const { disabled, ...vault } = this.read();
    const stillDisabled = (disabled ?? []).filter((u) => u !== user);
    writeVaultFile(this.dataDir, {
      ...vault,
      slots: [...vault.slots.filter((s) => !(s.kind === 'passphrase' && s.user === user)), slot],
      ...(stillDisabled.length > 0 ? { disabled: stillDisabled } : {}),
    });
  }

  /**
   * Disabling: the user's slot leaves vault.json, so their passphrase no longer opens the database.
   * A copy of vault.json from before still holds the slot; only re-keying the database closes that.
   * When the user was the recorded administrator (the CLI's default --user), `successor` takes over.
   */
  removeUserSlot(user: string, successor: string): void {
    const vault = this.read();
    const slots = vault.slots.filter((s) => !(s.kind === 'passphrase' && s.user === user));
    if (slots.length === 0) throw new ApiFailure('CONFLICT', `${user} holds the only key slot; it cannot be removed`);
    const disabled = [...new Set([...(vault.disabled ?? []), user])];
    writeVaultFile(this.dataDir, { ...vault, admin: vault.admin === user ? successor : vault.admin, slots, disabled });
  }

  /** Whether vault.json lists the user as disabled (readable while locked). */
  isDisabled(user: string): boolean {
    return this.exists() && (this.read().disabled ?? []).includes(user);
  }

  /** Removes a database that a failed create left behind without its vault.json. */
  discardOrphanDatabase(): void {
    if (this.exists()) return;
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(this.dataDir, DB_FILE + suffix), { force: true });
  }

  hasUserSlot(user: string): boolean {
    return this.read().slots.some((s) => s.kind === 'passphrase' && s.user === user);
  }

  private async makeSlot(kind: KeySlot['kind'], user: string | null, secret: string, dataKey: Buffer): Promise<KeySlot> {
    const { slot, kek } = await this.makeCheckedSlot(kind, user, secret, dataKey);
    kek.fill(0);
    return slot;
  }

  /** A new slot and the key-encryption key it was made with (so the written slot can be checked without deriving again). */
  private async makeCheckedSlot(kind: KeySlot['kind'], user: string | null, secret: string, dataKey: Buffer): Promise<{ slot: KeySlot; kek: Buffer }> {
    const kdf = newKdfParams(this.logN);
    const base = { id: randomUUID(), kind, user };
    const kek = await deriveKek(secret, kdf);
    return { slot: { ...base, kdf, ...wrapKey(kek, dataKey, aadFor(base)), createdAt: new Date().toISOString() }, kek };
  }
}
