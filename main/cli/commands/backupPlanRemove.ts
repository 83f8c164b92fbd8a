import { EXIT } from '../CliError';
import { toJson } from '../format';
import type { CommandSpec } from '../types';

export const backupPlanRemove: CommandSpec = {
  words: ['backup', 'plan', 'remove'],
  positionals: ['NAME'],
  summary: 'remove a backup plan (its backups stay on disk)',
  session: 'login',
  options: {},
  details: 'The plan is no longer run; the backups it made are not deleted. The removal is recorded in the log.',
  examples: ['firebreak backup plan remove nightly'],
  run: async (ctx) => {
    const [name] = ctx.args as [string];
    const result = await ctx.call('backups.plans.remove', { name });
    ctx.print(ctx.json ? toJson(result) : `Removed backup plan ${result.removed}; its backups were left on disk.`);
    return EXIT.ok;
  },
};
