import { readFile } from 'node:fs/promises';
import { CliError, EXIT } from '../CliError';
import { toJson } from '../format';
import type { CommandSpec } from '../types';

export const vaultRegisterRecoveryKey: CommandSpec = {
  words: ['vault', 'register-recovery-key'],
  positionals: [],
  summary: 'make the recovery key a holder of the personal-data key (vaults created before it was one)',
  session: 'login',
  options: {
    'recovery-file': { type: 'string', value: 'FILE', description: 'read the recovery key from FILE', required: true },
  },
  details: [
    'In a vault created before Firebreak granted the personal-data key to the recovery key, a',
    '`vault recover` of the only user with pii:read loses the personal data. Run this once, as an',
    "administrator whose grant opens the key: the recovery key is checked against vault.json's recovery",
    'slot, a key pair is derived from it (only the public half is kept) and the personal-data key is',
    'sealed to it, now and at every rotation. Recorded in the log (vault.recovery_key_registered).',
    'A wrong key exits 3 and changes nothing.',
  ].join('\n'),
  examples: ['firebreak vault register-recovery-key --recovery-file /media/usb/firebreak-recovery.txt'],
  run: async (ctx) => {
    let recoveryKey: string;
    const file = ctx.values['recovery-file'] as string;
    try {
      recoveryKey = (await readFile(file, 'utf8')).trim();
    } catch (err) {
      throw new CliError(`cannot read the recovery key from ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`, EXIT.error);
    }
    const r = await ctx.call('vault.registerRecoveryKey', { recoveryKey });
    const said = { registered: 'The recovery key now holds the personal-data key', kept: 'The recovery key was already registered', replaced: 'The recovery key replaces the one registered before' }[r.recoveryHolder];
    ctx.print(ctx.json ? toJson(r) : `${said}${r.piiKeyGranted ? ' (granted now)' : ''}.`);
    return EXIT.ok;
  },
};
