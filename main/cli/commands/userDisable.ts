import { EXIT } from '../CliError';
import { toJson } from '../format';
import type { CommandSpec } from '../types';

export const userDisable: CommandSpec = {
  words: ['user', 'disable'],
  positionals: ['NAME'],
  summary: 'offboard a user: no more sign-in, their sessions end, their records stay theirs',
  session: 'login',
  options: {
    reason: { type: 'string', value: 'TEXT', description: 'why, recorded in the log (e.g. "left the company")' },
  },
  details: [
    "Removes NAME's key slot from vault.json (their passphrase no longer opens the database), ends",
    'their sessions in every process on this data directory, and logs user.disabled. A copy of',
    'vault.json from before still holds the slot: only re-keying the database would close that.',
    'Refused (exit 1, nothing changed): an unknown or already disabled user, yourself, the last',
    'administrator. Needs user:manage (administrators).',
  ].join('\n'),
  examples: ['firebreak user disable bob --reason "left the company on 31 March"'],
  run: async (ctx) => {
    const name = ctx.args[0] as string;
    const reason = ctx.values.reason as string | undefined;
    const user = await ctx.call('users.disable', { name, ...(reason !== undefined ? { reason } : {}) });
    ctx.print(ctx.json ? toJson(user) : `Disabled ${user.name} (${user.role}): their sessions ended and their passphrase no longer opens the vault.`);
    return EXIT.ok;
  },
};
