import { EXIT } from '../CliError';
import { toJson } from '../format';
import { formatPlanRows } from '../formatBackup';
import type { CommandSpec } from '../types';

export const backupPlanList: CommandSpec = {
  words: ['backup', 'plan', 'list'],
  positionals: [],
  summary: 'list the backup plans',
  session: 'login',
  options: {},
  details: 'One row per plan: name, schedule, where its backups go and what it backs up (--json: the plans).',
  examples: ['firebreak backup plan list', "firebreak backup plan list --json | jq -r '.[].name'"],
  run: async (ctx) => {
    const plans = await ctx.call('backups.plans.list', {});
    ctx.print(ctx.json ? toJson(plans) : formatPlanRows(plans));
    return EXIT.ok;
  },
};
