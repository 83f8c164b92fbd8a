export { Vault, type SlotKey } from './Vault';
export { unwrapKey, wrapKey, type Wrapped } from './wrapKey';
export { checkPassphraseStrength } from './checkPassphraseStrength';
export { DB_FILE, VAULT_FILE } from './vaultFile';
export { DEFAULT_LOG_N } from './wrapKey';
export { normalizeRecoveryKey } from './recoveryKey';
export { openVaultDatabase } from './openVaultDatabase';
/** The database handle type, for layers that hold one but may not import the store. */
export type { Db } from '../store';
export { restrictFileModes } from './restrictFileModes';
export { CREATE_LOCK_FILE } from './acquireCreateLock';
