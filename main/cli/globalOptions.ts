import type { OptionSpec } from './types';

/** Accepted by every command (ARCHITECTURE.md §5). */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  'data-dir': { type: 'string', value: 'DIR', description: 'data directory (default: FIREBREAK_HOME, else the platform data directory)' },
  user: { type: 'string', value: 'NAME', description: 'sign in as NAME (default: the first administrator)' },
  'passphrase-file': { type: 'string', value: 'FILE', description: 'read the passphrase from FILE (else FIREBREAK_PASSPHRASE, else a prompt)' },
  otp: { type: 'string', value: 'CODE', description: 'current 6-digit TOTP code, if the user has MFA' },
  json: { type: 'boolean', description: 'print machine-readable JSON on stdout' },
  help: { type: 'boolean', short: 'h', description: 'show help' },
};
