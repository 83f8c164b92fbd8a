import type { IncidentRow, IncidentStatus } from '../../../contract';
import { STATUSES } from '../../../contract/incidentTerms';
import { EXIT } from '../CliError';
import { formatIncidentRows, toJson } from '../format';
import type { CommandSpec } from '../types';

/** The router's largest page. */
const PAGE = 500;

export const incidentList: CommandSpec = {
  words: ['incident', 'list'],
  positionals: [],
  summary: 'list incidents, newest first',
  session: 'login',
  options: {
    status: { type: 'string', value: 'S[,S…]', description: `only these statuses (${STATUSES.join(', ')})` },
  },
  examples: ['firebreak incident list', 'firebreak incident list --status detected,triaged --json'],
  run: async (ctx) => {
    const status = ctx.values.status === undefined ? undefined : (ctx.values.status as string).split(',').map((s) => s.trim()) as IncidentStatus[];
    const rows: IncidentRow[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await ctx.call('incidents.list', {
        ...(status !== undefined ? { status } : {}),
        sort: { field: 'detectedAt', dir: 'desc' },
        offset,
        limit: PAGE,
      });
      rows.push(...page.rows);
      if (page.rows.length < PAGE || rows.length >= page.total) break;
    }
    ctx.print(ctx.json ? toJson(rows) : formatIncidentRows(rows));
    return EXIT.ok;
  },
};
