import { CATEGORIES, SEVERITIES, type Category, type Severity } from '../../../contract/incidentTerms';
import { isCalendarDay } from '../../../contract/calendarDay';
import { kpiPeriodProblem } from '../../../contract/kpis';
import { EXIT, usageError } from '../CliError';
import { toJson } from '../format';
import { formatKpis, kpisCsv } from '../formatKpis';
import type { CommandSpec } from '../types';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The current quarter's first and last day (UTC). */
export function currentQuarter(now: Date): { from: string; to: string } {
  const y = now.getUTCFullYear();
  const q = Math.floor(now.getUTCMonth() / 3);
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return { from: iso(new Date(Date.UTC(y, q * 3, 1))), to: iso(new Date(Date.UTC(y, q * 3 + 3, 0))) };
}

const list = <T extends string>(raw: unknown, allowed: readonly T[], what: string): T[] | undefined => {
  if (raw === undefined) return undefined;
  const values = (raw as string).split(',').map((s) => s.trim()).filter(Boolean);
  const bad = values.filter((v) => !allowed.includes(v as T));
  if (bad.length > 0) throw usageError(`--${what}: ${bad.join(', ')} is not one of ${allowed.join(', ')}`);
  return values as T[];
};

export const kpi: CommandSpec = {
  words: ['kpi'],
  positionals: [],
  summary: 'KPIs of a period: response times, on-time notifications, backup and drill health (docs/kpis.md)',
  session: 'login',
  options: {
    from: { type: 'string', value: 'DATE', description: 'first day (YYYY-MM-DD, UTC); default: the first day of the current quarter' },
    to: { type: 'string', value: 'DATE', description: 'last day, included (YYYY-MM-DD, UTC); default: the last day of the current quarter' },
    severity: { type: 'string', value: 'S[,S…]', description: `only incidents whose highest severity is one of these (${SEVERITIES.join(', ')})` },
    category: { type: 'string', value: 'C[,C…]', description: 'only these categories' },
    'include-exercises': { type: 'boolean', description: 'count exercises (tabletops, drills) too; they are left out by default' },
    csv: { type: 'boolean', description: 'print CSV (one row per metric and group) instead of the table' },
  },
  check: (values) => {
    for (const k of ['from', 'to'] as const) {
      const v = values[k] as string | undefined;
      if (v === undefined) continue;
      if (!DAY.test(v)) throw usageError(`--${k}: give a date as YYYY-MM-DD, e.g. 2026-01-01, not ${JSON.stringify(v)}`);
      if (!isCalendarDay(v)) throw usageError(`--${k}: ${v} is not a calendar date`);
    }
    if (values.csv === true && values.json === true) throw usageError('give one of --json or --csv');
    list(values.severity, SEVERITIES, 'severity');
    list(values.category, CATEGORIES, 'category');
  },
  details: [
    'Durations are in seconds in --json and --csv, each with n, coverage, median, p90 and mean (nearest rank); the table rounds them.',
    'Incidents count in the period they were detected in; exercises are left out unless --include-exercises (the output says how many either way).',
    'A bad or impossible date, a --to before --from, or more than 3,700 days exits 2 (a usage error), naming the fix.',
    '--csv prints one row per metric and group (severity, category, month, quarter).',
  ].join('\n'),
  examples: ['firebreak kpi', 'firebreak kpi --from 2026-01-01 --to 2026-12-31 --severity SEV1,SEV2 --json', 'firebreak kpi --from 2026-01-01 --to 2026-03-31 --csv > q1.csv'],
  run: async (ctx) => {
    const quarter = currentQuarter(new Date());
    const from = (ctx.values.from as string | undefined) ?? quarter.from;
    const to = (ctx.values.to as string | undefined) ?? quarter.to;
    // Checked here, with the defaults filled in, so the message names the options as typed (exit 2, a usage error).
    const problem = kpiPeriodProblem(from, to, { from: '--from', to: '--to' });
    if (problem) throw usageError(problem);
    const severity = list<Severity>(ctx.values.severity, SEVERITIES, 'severity');
    const category = list<Category>(ctx.values.category, CATEGORIES, 'category');
    const result = await ctx.call('kpis.get', {
      from, to, includeExercises: ctx.values['include-exercises'] === true,
      ...(severity ? { severity } : {}), ...(category ? { category } : {}),
    });
    ctx.print(ctx.json ? toJson(result) : ctx.values.csv === true ? kpisCsv(result) : formatKpis(result));
    return EXIT.ok;
  },
};
