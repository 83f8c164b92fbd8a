import { EXIT, usageError } from '../CliError';
import { toJson } from '../format';
import { formatBackup } from '../formatBackup';
import { planRpo } from '../planRpo';
import type { CommandSpec } from '../types';

const DEFAULT_CHECKS = 10;
/** contract's CHECK_LIST_MAX, which the API enforces; not imported, so that `--help` loads no zod. */
const CHECK_LIST_MAX = 1000;

export const backupShow: CommandSpec = {
  words: ['backup', 'show'],
  positionals: ['ID'],
  summary: 'show a backup, the latest check of each kind (quick, full, drill) and its recorded checks',
  session: 'login',
  options: {
    checks: { type: 'string', value: 'N', description: `list the N newest checks (default ${DEFAULT_CHECKS}, at most ${CHECK_LIST_MAX})` },
  },
  check: (values) => {
    const n = values.checks;
    if (n !== undefined && (typeof n !== 'string' || !/^\d+$/.test(n) || Number(n) < 1 || Number(n) > CHECK_LIST_MAX)) {
      throw usageError(`--checks takes a whole number from 1 to ${CHECK_LIST_MAX}, not "${String(n)}"`);
    }
  },
  details: [
    'The backup\'s facts, then the latest check of each kind: a full or quick check run after a drill',
    'never hides the drill, nor its restore time against the RTO. Then every recorded check, newest',
    'first (each check is its own record; none is ever replaced). --json: {"backup": {...}, "checks": [...]}',
    'with the backup\'s latestChecks and the checks listed.',
  ].join('\n'),
  examples: ['firebreak backup show nightly-20261122T023000Z-4f09c1', 'firebreak backup show nightly-20261122T023000Z-4f09c1 --json | jq .backup.latestChecks.drill'],
  run: async (ctx) => {
    const [id] = ctx.args as [string];
    const limit = ctx.values.checks === undefined ? DEFAULT_CHECKS : Number(ctx.values.checks);
    const backup = await ctx.call('backups.get', { id });
    // One more than shown, to say whether there are more.
    const listed = await ctx.call('backups.checks', { backupId: id, limit: Math.min(limit + 1, CHECK_LIST_MAX) });
    const checks = listed.slice(0, limit);
    if (ctx.json) {
      ctx.print(toJson({ backup, checks }));
    } else {
      ctx.print(formatBackup(backup, checks, listed.length > limit, await planRpo(ctx, backup.plan)));
    }
    return EXIT.ok;
  },
};
