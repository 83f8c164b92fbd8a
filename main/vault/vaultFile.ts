import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ApiFailure } from '../../contract';
import { writeFileAtomic } from '../store';

const b64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);

const kdfSchema = z.strictObject({
  name: z.literal('scrypt'),
  logN: z.number().int().min(10).max(22),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: b64,
});
export type KdfParams = z.infer<typeof kdfSchema>;

const slotSchema = z.strictObject({
  id: z.string().min(1).max(64),
  kind: z.enum(['passphrase', 'recovery']),
  /** Whose passphrase opens it (passphrase slots). Not secret: the CLI and sign-in need it. */
  user: z.string().nullable(),
  kdf: kdfSchema,
  nonce: b64,
  ciphertext: b64,
  tag: b64,
  createdAt: z.string(),
});
export type KeySlot = z.infer<typeof slotSchema>;

const vaultSchema = z.strictObject({
  format: z.literal('firebreak-vault'),
  version: z.literal(1),
  createdAt: z.string(),
  admin: z.string(),
  slots: z.array(slotSchema).min(1),
  /**
   * Users an administrator disabled (their slots are gone). Not a security control, since the
   * missing slot is: it lets sign-in say "disabled" instead of "wrong passphrase" while locked.
   */
  disabled: z.array(z.string()).optional(),
});
export type VaultFile = z.infer<typeof vaultSchema>;

export const VAULT_FILE = 'vault.json';
export const DB_FILE = 'firebreak.db';

export function vaultPath(dataDir: string): string {
  return join(dataDir, VAULT_FILE);
}

export function vaultExists(dataDir: string): boolean {
  return existsSync(vaultPath(dataDir));
}

export function readVaultFile(dataDir: string): VaultFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(vaultPath(dataDir), 'utf8'));
  } catch (err) {
    throw new ApiFailure('STORAGE', `cannot read ${VAULT_FILE}: ${(err as Error).message}`);
  }
  const parsed = vaultSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ApiFailure('STORAGE', `${VAULT_FILE} is damaged (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}); restore it from a backup`);
  }
  return parsed.data;
}

export function writeVaultFile(dataDir: string, vault: VaultFile): void {
  writeFileAtomic(vaultPath(dataDir), `${JSON.stringify(vault, null, 2)}\n`);
}
