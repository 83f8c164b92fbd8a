import { actionIdOf } from '../actionIdOf';
import { EXIT } from '../CliError';
import { describeAction } from '../formatActions';
import { toJson } from '../format';
import type { CommandSpec } from '../types';

export const actionReopen: CommandSpec = {
  words: ['action', 'reopen'],
  positionals: ['ID'],
  summary: 'open a done or won\'t-do action item again, with the reason',
  session: 'login',
  options: {
    reason: { type: 'string', value: 'TEXT', required: true, description: 'why it is open again (kept with who and when)' },
  },
  details: 'Refused for an item that is open. Its alarms follow its due time again. Needs action:write.',
  examples: ['firebreak action reopen A-2 --reason "Port 3389 is open again on FS02"'],
  run: async (ctx) => {
    const item = await ctx.call('actions.reopen', { id: actionIdOf(ctx.args[0]), reason: ctx.values.reason as string });
    ctx.print(ctx.json ? toJson(item) : describeAction(item));
    return EXIT.ok;
  },
};
