import { EXIT } from '../CliError';
import { toJson } from '../format';
import { readNewPassphrase } from '../readPassphrase';
import type { CommandSpec } from '../types';

export const userResetPassphrase: CommandSpec = {
  words: ['user', 'reset-passphrase'],
  positionals: ['NAME'],
  summary: "set another user's passphrase; their sessions end and they must change it at the next sign-in",
  session: 'login',
  options: {
    'new-passphrase-file': { type: 'string', value: 'FILE', description: 'read the new passphrase from FILE (else typed twice)' },
  },
  details: [
    "Replaces NAME's key slot (the old passphrase stops opening the vault), ends their sessions and",
    'logs user.passphrase_reset. Their two-factor enrolment ends too: its secret is sealed under a',
    'key only the old passphrase unwraps, so no one can carry it over; they enrol again after',
    'choosing their passphrase (docs/security.md). Refused (exit 1): an unknown or disabled user (use',
    '`user enable`), yourself (use `user change-passphrase`). Needs user:manage (administrators).',
  ].join('\n'),
  examples: ['firebreak user reset-passphrase bob --new-passphrase-file bob.pass'],
  run: async (ctx) => {
    const name = ctx.args[0] as string;
    const newPassphrase = await readNewPassphrase(ctx.values['new-passphrase-file'] as string | undefined, '--new-passphrase-file', `New passphrase for ${name}`);
    const user = await ctx.call('users.resetPassphrase', { name, newPassphrase });
    ctx.print(ctx.json ? toJson(user) : `Reset the passphrase of ${user.name}; their sessions ended and they must choose their own at the next sign-in. Two-factor sign-in, if they had it, was removed: they enrol again.`);
    return EXIT.ok;
  },
};
