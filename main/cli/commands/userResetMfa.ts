import { EXIT } from '../CliError';
import { toJson } from '../format';
import type { CommandSpec } from '../types';

export const userResetMfa: CommandSpec = {
  words: ['user', 'reset-mfa'],
  positionals: ['NAME'],
  summary: "end another user's two-factor enrolment (a lost phone); they enrol again after signing in",
  session: 'login',
  options: {},
  details: [
    "Removes NAME's TOTP secret: they sign in with the passphrase alone until they enrol again",
    '(My account in the app). The secret is sealed under a key only their passphrase unwraps, so',
    'nobody, an administrator included, ever reads it; removing it is all an administrator can do.',
    'Logged as mfa.reset. Refused (exit 1): an unknown user, one not enrolled, yourself (another',
    'administrator can). Needs user:manage (administrators).',
  ].join('\n'),
  examples: ['firebreak user reset-mfa bob'],
  run: async (ctx) => {
    const name = ctx.args[0] as string;
    const user = await ctx.call('users.resetMfa', { name });
    ctx.print(ctx.json ? toJson(user) : `Removed the two-factor enrolment of ${user.name}; they sign in with their passphrase and can enrol again.`);
    return EXIT.ok;
  },
};
