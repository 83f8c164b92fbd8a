import { EXIT } from '../CliError';
import { toJson } from '../format';
import { readNewPassphrase } from '../readPassphrase';
import type { CommandSpec } from '../types';

export const userChangePassphrase: CommandSpec = {
  words: ['user', 'change-passphrase'],
  positionals: [],
  summary: 'change your own passphrase (required after an administrator set it)',
  session: 'login',
  // The one command a user whose passphrase an administrator set may run (see signIn).
  passphraseChange: true,
  options: {
    'new-passphrase-file': { type: 'string', value: 'FILE', description: 'read the new passphrase from FILE (else typed twice)' },
  },
  details: [
    'Signs in as --user with the current passphrase (--passphrase-file, FIREBREAK_PASSPHRASE or the',
    "prompt) and replaces that user's key slot with one under the new passphrase, which must differ.",
    'Rewrites one slot in vault.json, never the database. Logged as user.passphrase_changed.',
  ].join('\n'),
  examples: ['firebreak user change-passphrase --user bob --passphrase-file given.pass --new-passphrase-file mine.pass'],
  run: async (ctx) => {
    const session = await ctx.call('auth.session', {});
    const user = session?.user ?? '?';
    const current = ctx.signedInWith;
    if (current === undefined) throw new Error('user change-passphrase runs only after signing in');
    const next = await readNewPassphrase(ctx.values['new-passphrase-file'] as string | undefined, '--new-passphrase-file', `New passphrase for ${user}`);
    await ctx.call('auth.changePassphrase', { current, next });
    ctx.print(ctx.json ? toJson({ user, changed: true }) : `Changed the passphrase of ${user}.`);
    return EXIT.ok;
  },
};
