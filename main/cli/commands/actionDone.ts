import { actionIdOf } from '../actionIdOf';
import { EXIT } from '../CliError';
import { describeAction } from '../formatActions';
import { toJson } from '../format';
import type { CommandSpec } from '../types';

export const actionDone: CommandSpec = {
  words: ['action', 'done'],
  positionals: ['ID'],
  summary: 'mark an action item done, with a note saying what was done',
  session: 'login',
  options: {
    note: { type: 'string', value: 'TEXT', required: true, description: 'what was done (kept with who and when)' },
  },
  details: 'Refused for an item that is done or won\'t do already. Needs action:write.',
  examples: ['firebreak action done A-7 --note "Firewall rule FW-221 closes 3389 on every server"'],
  run: async (ctx) => {
    const item = await ctx.call('actions.done', { id: actionIdOf(ctx.args[0]), note: ctx.values.note as string });
    ctx.print(ctx.json ? toJson(item) : describeAction(item));
    return EXIT.ok;
  },
};
