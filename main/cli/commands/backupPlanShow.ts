import { EXIT } from '../CliError';
import { toJson } from '../format';
import { formatPlan } from '../formatBackup';
import type { CommandSpec } from '../types';

export const backupPlanShow: CommandSpec = {
  words: ['backup', 'plan', 'show'],
  positionals: ['NAME'],
  summary: 'show a backup plan',
  session: 'login',
  options: {},
  details: 'Sources, excludes, target, schedule (in words), retention, full-backup interval, RTO, RPO and recipients (--json: the plan).',
  examples: ['firebreak backup plan show nightly'],
  run: async (ctx) => {
    const [name] = ctx.args as [string];
    const plan = await ctx.call('backups.plans.get', { name });
    ctx.print(ctx.json ? toJson(plan) : formatPlan(plan));
    return EXIT.ok;
  },
};
