import { readFile } from 'node:fs/promises';
import { CliError, EXIT, usageError } from '../CliError';
import { toJson } from '../format';
import { readNewPassphrase } from '../readPassphrase';
import type { CommandSpec } from '../types';

export const vaultRecover: CommandSpec = {
  words: ['vault', 'recover'],
  positionals: [],
  summary: "set a user's new passphrase with the recovery key (forgotten passphrase, lost TOTP device)",
  session: 'none',
  options: {
    'recovery-file': { type: 'string', value: 'FILE', description: 'read the recovery key from FILE', required: true },
    'new-passphrase-file': { type: 'string', value: 'FILE', description: 'read the new passphrase from FILE (else typed twice)' },
    'reset-mfa': { type: 'boolean', description: "also remove the user's TOTP enrolment (enrol again after signing in): required when they have one" },
  },
  details: [
    "Resets the passphrase of --user (default: the administrator). Rewrites only that user's key slot in",
    'vault.json; the database and its key are unchanged. Recorded in the log. A user with two-factor',
    'sign-in needs --reset-mfa: the TOTP secret is sealed under a key only the forgotten passphrase',
    'unwraps, which the recovery key cannot open; without it the recovery is refused (exit 1), changing nothing.',
  ].join('\n'),
  examples: ['firebreak vault recover --user alice --recovery-file /media/usb/firebreak-recovery.txt --reset-mfa'],
  run: async (ctx) => {
    let recoveryKey: string;
    const file = ctx.values['recovery-file'] as string;
    try {
      recoveryKey = (await readFile(file, 'utf8')).trim();
    } catch (err) {
      throw new CliError(`cannot read the recovery key from ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`, EXIT.error);
    }
    const status = await ctx.call('vault.status', {});
    const user = (ctx.values.user as string | undefined) ?? status.adminUser;
    if (!user) throw usageError('there is no vault here, or no user named: pass --user');
    const newPassphrase = await readNewPassphrase(
      ctx.values['new-passphrase-file'] as string | undefined,
      '--new-passphrase-file',
      `New passphrase for ${user}`,
    );
    const resetMfa = ctx.values['reset-mfa'] === true;
    await ctx.call('vault.recover', { recoveryKey, user, newPassphrase, resetMfa });
    ctx.print(ctx.json ? toJson({ user, mfaReset: resetMfa }) : `New passphrase set for ${user}${resetMfa ? '; two-factor sign-in removed' : ''}.`);
    return EXIT.ok;
  },
};
