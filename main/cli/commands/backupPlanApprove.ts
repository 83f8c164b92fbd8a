import { EXIT } from '../CliError';
import { toJson } from '../format';
import { formatPlan } from '../formatBackup';
import type { CommandSpec } from '../types';

export const backupPlanApprove: CommandSpec = {
  words: ['backup', 'plan', 'approve'],
  positionals: ['NAME'],
  summary: 'decide that a backup plan waiting for review may stay as it is (administrators)',
  session: 'login',
  options: {
    note: { type: 'string', value: 'TEXT', required: true, description: 'why it may stay (recorded in the log)' },
  },
  details: [
    'A plan waits for an administrator\'s review when it holds Firebreak\'s database or extra',
    'recipients that no administrator decided: plans from before these were administrator decisions',
    '(they keep running meanwhile), or a plan whose source came to reach the data directory (its',
    'runs are refused meanwhile). `backup plan list` names them; `backup plan show` says why.',
    'Approving makes you the one who decided its database content and recipients, and is logged',
    'with the reasons and your note. To change the recipients instead: `backup plan recipients`;',
    'to stop it: `backup plan remove`. Needs backup:include-database, and backup:recipients when the',
    'plan has recipients nobody decided (administrators). A plan not waiting is refused (exit 1).',
  ].join('\n'),
  examples: ['firebreak backup plan approve nightly --note "our nightly plan; the recipient is the key in the safe"'],
  run: async (ctx) => {
    const [name] = ctx.args as [string];
    const plan = await ctx.call('backups.plans.approve', { name, note: ctx.values.note as string });
    ctx.print(ctx.json ? toJson(plan) : `Approved backup plan ${plan.name} as it is.\n\n${formatPlan(plan)}`);
    return EXIT.ok;
  },
};
