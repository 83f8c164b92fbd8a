import { ROLES, type Role } from '../../../contract/roles';
import { EXIT, usageError } from '../CliError';
import { formatUser, toJson } from '../format';
import { readNewPassphrase } from '../readPassphrase';
import type { CommandSpec } from '../types';

export const userAdd: CommandSpec = {
  words: ['user', 'add'],
  positionals: ['NAME'],
  summary: 'add a user',
  session: 'login',
  options: {
    role: { type: 'string', value: 'ROLE', description: `one of ${ROLES.join(', ')}`, required: true },
    'new-passphrase-file': { type: 'string', value: 'FILE', description: "read the new user's passphrase from FILE (else typed twice)" },
    'keep-passphrase': {
      type: 'boolean',
      description: 'the user need not change this passphrase at the first sign-in (an account only scripts use, such as the daemon\'s); by default they must',
    },
  },
  details: 'You know the passphrase you set, so by default the user must choose their own at the first sign-in (`firebreak user change-passphrase`, or the app); until then every other command exits 3.',
  examples: ['firebreak user add bob --role responder --new-passphrase-file bob.pass', 'firebreak user add backup-bot --role backup-operator --new-passphrase-file bot.pass --keep-passphrase'],
  run: async (ctx) => {
    const name = ctx.args[0] as string;
    const role = ctx.values.role as string;
    if (!(ROLES as readonly string[]).includes(role)) throw usageError(`unknown role "${role}" (one of ${ROLES.join(', ')})`);
    const passphrase = await readNewPassphrase(
      ctx.values['new-passphrase-file'] as string | undefined,
      '--new-passphrase-file',
      `Passphrase for new user ${name}`,
    );
    const mustChangePassphrase = ctx.values['keep-passphrase'] !== true;
    const user = await ctx.call('users.add', { name, role: role as Role, passphrase, mustChangePassphrase });
    ctx.print(ctx.json ? toJson(user) : `Added user ${formatUser(user)}${mustChangePassphrase ? '; they must choose their own passphrase at the first sign-in' : ''}.`);
    return EXIT.ok;
  },
};
