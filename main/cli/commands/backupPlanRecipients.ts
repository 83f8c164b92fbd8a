import { EXIT, usageError } from '../CliError';
import { toJson } from '../format';
import { formatPlan } from '../formatBackup';
import type { CommandSpec } from '../types';

export const backupPlanRecipients: CommandSpec = {
  words: ['backup', 'plan', 'recipients'],
  positionals: ['NAME'],
  summary: "replace a backup plan's extra age recipients (an administrator's decision, logged)",
  session: 'login',
  options: {
    recipient: { type: 'string', value: 'AGE1…', multiple: true, description: 'the new list: one --recipient per key (an offline key kept in a safe)' },
    none: { type: 'boolean', description: "no extra recipients: the vault's backup identity only" },
    reason: { type: 'string', value: 'TEXT', required: true, description: 'why the recipients change (recorded in the log)' },
  },
  check: (values) => {
    const some = values.recipient !== undefined;
    if (some === (values.none === true)) throw usageError('give the new recipients with --recipient (one per key), or --none for none');
  },
  details: [
    'Whoever holds a recipient\'s identity decrypts every backup of the plan made from now on (the',
    'backups made so far stay encrypted to the recipients they were made for). So this needs the',
    'backup:recipients permission (administrators); the change is logged with the list before and',
    'after, the reason and who made it. The same list again is refused (exit 1).',
  ].join('\n'),
  examples: [
    'firebreak backup plan recipients nightly --recipient age1… --reason "the offline key in the safe was rotated"',
    'firebreak backup plan recipients nightly --none --reason "recipient added by an operator, not ours"',
  ],
  run: async (ctx) => {
    const [name] = ctx.args as [string];
    const given = ctx.values.recipient;
    const recipients = given === undefined ? [] : Array.isArray(given) ? given : [String(given)];
    const plan = await ctx.call('backups.plans.setRecipients', { name, recipients, reason: ctx.values.reason as string });
    ctx.print(ctx.json ? toJson(plan) : `Set the recipients of backup plan ${plan.name}.\n\n${formatPlan(plan)}`);
    return EXIT.ok;
  },
};
