import type { ActionItem, ActionStatus } from '../../../contract';
import { plural } from '../../../contract/plural';
import { ACTION_STATUSES } from '../../../contract/reviewTerms';
import { EXIT, usageError } from '../CliError';
import { formatActionRows } from '../formatActions';
import { toJson } from '../format';
import type { CommandSpec } from '../types';

/** The router's largest page. */
const PAGE = 500;
const STATUS_OF: Readonly<Record<string, ActionStatus>> = { open: 'open', done: 'done', 'wont-do': 'wont_do' };

export const actionList: CommandSpec = {
  words: ['action', 'list'],
  positionals: ['[REF]'],
  summary: 'list action items, overdue first (all incidents, or those of REF)',
  session: 'login',
  options: {
    overdue: { type: 'boolean', description: 'only open items whose due date has ended' },
    mine: { type: 'boolean', description: 'only items the signed-in user owns' },
    status: { type: 'string', value: 'S', description: `only items in this state: ${Object.keys(STATUS_OF).join(', ')}` },
  },
  check: (values) => {
    if (values.status !== undefined && STATUS_OF[values.status as string] === undefined) throw usageError(`--status must be one of ${Object.keys(STATUS_OF).join(', ')}`);
    if (values.overdue === true && values.status !== undefined && values.status !== 'open') throw usageError('--overdue lists open items only: leave out --status or give --status open');
  },
  details: [
    'Order: overdue items first (the longest overdue first), then open ones by due date, then done and',
    'won\'t-do ones. DUE is a date (YYYY-MM-DD, never shifted between zones); STATUS says OVERDUE for an open',
    'item once its due date has ended in the time zone Firebreak runs in. The count',
    `of items and of overdue ones goes to stderr. Statuses: ${ACTION_STATUSES.join(', ')} (wont_do is --status wont-do).`,
    'Needs report:read (everyone\'s items), or action:write alone (a backup operator: the items they own).',
  ].join('\n'),
  examples: ['firebreak action list --overdue', 'firebreak action list IR-2026-0007 --mine --json | jq -r \'.[].title\''],
  run: async (ctx) => {
    const [ref] = ctx.args as [string | undefined];
    const owner = ctx.values.mine === true ? (await ctx.call('auth.session', {}))?.user : undefined;
    const status = ctx.values.status === undefined ? undefined : STATUS_OF[ctx.values.status as string];
    const rows: ActionItem[] = [];
    let total = 0;
    let overdue = 0;
    for (let offset = 0; ; offset += PAGE) {
      const page = await ctx.call('actions.list', {
        ...(ref !== undefined ? { ref } : {}),
        ...(owner !== undefined ? { owner } : {}),
        ...(status !== undefined ? { status } : {}),
        ...(ctx.values.overdue === true ? { overdue: true } : {}),
        offset,
        limit: PAGE,
      });
      ({ total, overdue } = page);
      for (const r of page.rows) rows.push(r);
      if (page.rows.length < PAGE || rows.length >= page.total) break;
    }
    ctx.print(ctx.json ? toJson(rows) : formatActionRows(rows));
    if (!ctx.json && total > 0) ctx.note(`${plural(total, 'action item')}, ${overdue} overdue`);
    return EXIT.ok;
  },
};
