import { EXIT } from '../CliError';
import { toJson } from '../format';
import { formatUsers } from '../formatUsers';
import type { CommandSpec } from '../types';

export const userList: CommandSpec = {
  words: ['user', 'list'],
  positionals: [],
  summary: 'list the users, disabled ones included, with their role and status',
  session: 'login',
  options: {},
  details: 'STATUS is active, disabled (since when, by whom), or "must change passphrase" (an administrator set it). Needs user:manage (administrators).',
  examples: ['firebreak user list', "firebreak user list --json | jq -r '.[] | select(.status == \"disabled\") | .name'"],
  run: async (ctx) => {
    const users = await ctx.call('users.list', {});
    ctx.print(ctx.json ? toJson(users) : formatUsers(users));
    return EXIT.ok;
  },
};
