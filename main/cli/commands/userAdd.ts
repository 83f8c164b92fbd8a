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
  },
  examples: ['firebreak user add bob --role responder --new-passphrase-file bob.pass'],
  run: async (ctx) => {
    const name = ctx.args[0] as string;
    const role = ctx.values.role as string;
    if (!(ROLES as readonly string[]).includes(role)) throw usageError(`unknown role "${role}" (one of ${ROLES.join(', ')})`);
    const passphrase = await readNewPassphrase(
      ctx.values['new-passphrase-file'] as string | undefined,
      '--new-passphrase-file',
      `Passphrase for new user ${name}`,
    );
    const user = await ctx.call('users.add', { name, role: role as Role, passphrase });
    ctx.print(ctx.json ? toJson(user) : `Added user ${formatUser(user)}.`);
    return EXIT.ok;
  },
};
