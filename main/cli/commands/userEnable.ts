import { EXIT } from '../CliError';
import { toJson } from '../format';
import { readNewPassphrase } from '../readPassphrase';
import type { CommandSpec } from '../types';

export const userEnable: CommandSpec = {
  words: ['user', 'enable'],
  positionals: ['NAME'],
  summary: 'let a disabled user sign in again, with a new passphrase they must change',
  session: 'login',
  options: {
    'new-passphrase-file': { type: 'string', value: 'FILE', description: 'read the new passphrase from FILE (else typed twice)' },
  },
  details: [
    'Gives NAME a new key slot under the passphrase you set, and logs user.enabled. At the next',
    'sign-in NAME must choose their own passphrase before anything else. Refused (exit 1) for an',
    'unknown user or one who is not disabled. Needs user:manage (administrators).',
  ].join('\n'),
  examples: ['firebreak user enable bob --new-passphrase-file bob.pass'],
  run: async (ctx) => {
    const name = ctx.args[0] as string;
    const newPassphrase = await readNewPassphrase(ctx.values['new-passphrase-file'] as string | undefined, '--new-passphrase-file', `New passphrase for ${name}`);
    const user = await ctx.call('users.enable', { name, newPassphrase });
    ctx.print(ctx.json ? toJson(user) : `Enabled ${user.name} (${user.role}); they must choose their own passphrase at the next sign-in.`);
    return EXIT.ok;
  },
};
