import { actionIdOf } from '../actionIdOf';
import { EXIT } from '../CliError';
import { describeAction } from '../formatActions';
import { toJson } from '../format';
import type { CommandSpec } from '../types';

export const actionWontDo: CommandSpec = {
  words: ['action', 'wont-do'],
  positionals: ['ID'],
  summary: 'decide an action item will not be done, with the reason',
  session: 'login',
  options: {
    reason: { type: 'string', value: 'TEXT', required: true, description: 'why not (kept with who and when)' },
  },
  details: 'Ends the item like done does: it raises no more alarms. Refused for an item already ended. Needs action:write.',
  examples: ['firebreak action wont-do A-9 --reason "FS02 is decommissioned on Friday"'],
  run: async (ctx) => {
    const item = await ctx.call('actions.wontDo', { id: actionIdOf(ctx.args[0]), reason: ctx.values.reason as string });
    ctx.print(ctx.json ? toJson(item) : describeAction(item));
    return EXIT.ok;
  },
};
