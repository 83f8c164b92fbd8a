import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ApiFailure } from '../../contract';
import { processAlive, readLockHolder, tryCreateLockFile } from '../store';
import { DB_FILE, VAULT_FILE, vaultExists } from './vaultFile';

export const CREATE_LOCK_FILE = 'vault-create.lock';
/** A lock file still empty after this long lost its writer (killed between creating and writing it). */
const EMPTY_LOCK_GRACE_MS = 5_000;
/** Lock files this process holds: its own pid in a lock file does not make it stale while held here. */
const heldHere = new Set<string>();

/**
 * Takes the data directory's vault-creation lock (O_EXCL, so of any number of processes and
 * connections exactly one creates) and returns its release. While another creation runs the call
 * fails at once with CONFLICT. A lock left by a creation whose process died is not taken over
 * silently: if that creation got as far as vault.json it is removed (the vault exists), otherwise
 * the refusal names the process and exactly which files to delete.
 */
export function acquireCreateLock(dataDir: string): () => void {
  const file = join(dataDir, CREATE_LOCK_FILE);
  for (let tries = 0; tries < 3; tries++) {
    if (tryCreateLockFile(file)) {
      heldHere.add(file);
      return () => {
        heldHere.delete(file);
        rmSync(file, { force: true });
      };
    }
    const holder = readLockHolder(file);
    if (holder === null) continue; // released in between: try again
    const stillWriting = holder.pid === 0 && Date.now() - mtimeMs(file) < EMPTY_LOCK_GRACE_MS;
    if (heldHere.has(file) || stillWriting || (holder.pid !== process.pid && processAlive(holder.pid))) {
      throw new ApiFailure(
        'CONFLICT',
        `a vault is being created in ${dataDir} right now (${heldHere.has(file) ? 'by another window or request of this process' : `by process ${holder.pid || '?'}`}` +
          `${holder.since ? `, since ${holder.since}` : ''}): only one can be; wait for it to finish, then sign in to it`,
      );
    }
    if (vaultExists(dataDir)) {
      // The creation finished but its process died before removing the lock: nothing is left undone.
      rmSync(file, { force: true });
      continue;
    }
    const leftovers = [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`].filter((f) => existsSync(join(dataDir, f)));
    throw new ApiFailure(
      'STORAGE',
      `an earlier vault creation in ${dataDir} did not finish: ${holder.pid ? `process ${holder.pid}` : 'its process'}` +
        `${holder.since ? ` (started ${holder.since})` : ''} ended before writing ${VAULT_FILE}` +
        `${leftovers.length > 0 ? `, leaving ${leftovers.join(', ')}, which no key can open` : ''}. ` +
        `Delete ${[...leftovers, CREATE_LOCK_FILE].join(', ')} from ${dataDir}, then create the vault again`,
    );
  }
  throw new ApiFailure('CONFLICT', `a vault is being created in ${dataDir} right now: wait for it to finish, then sign in to it`);
}

function mtimeMs(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}
