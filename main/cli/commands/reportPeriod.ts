import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from '../../../contract/incidentTerms';
import { kpiPeriodProblem } from '../../../contract/kpis';
import { DEFAULT_TLP, REPORT_FORMATS, TLP_LEVELS, type ReportFormat, type TlpLevel } from '../../../contract/reportTerms';
import { CliError, EXIT, usageError } from '../CliError';
import { toJson } from '../format';
import type { CommandSpec } from '../types';
import { writeFileAtomic } from '../writeFileAtomic';

const oneOf = <T extends string>(value: unknown, allowed: readonly T[], what: string): T => {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw usageError(`--${what} must be one of ${allowed.join(', ')} (got ${String(value)})`);
};

const list = <T extends string>(raw: unknown, allowed: readonly T[], what: string): T[] | undefined => {
  if (raw === undefined) return undefined;
  const values = (raw as string).split(',').map((s) => s.trim()).filter(Boolean);
  const bad = values.filter((v) => !allowed.includes(v as T));
  if (bad.length > 0) throw usageError(`--${what}: ${bad.join(', ')} is not one of ${allowed.join(', ')}`);
  return values as T[];
};

/** A day that exists: 2026-02-30 is refused here rather than read as 2 March. */
export const reportPeriod: CommandSpec = {
  words: ['report', 'period'],
  positionals: [],
  summary: 'write the period report for leadership (a quarter, a year, any range): KPIs with charts, incidents, notifications, backups',
  session: 'login',
  options: {
    from: { type: 'string', value: 'DATE', required: true, description: 'first day of the period (YYYY-MM-DD, UTC)' },
    to: { type: 'string', value: 'DATE', required: true, description: 'last day of the period, included (YYYY-MM-DD, UTC)' },
    format: { type: 'string', value: 'F', required: true, description: `the file format: ${REPORT_FORMATS.join(', ')}` },
    out: { type: 'string', value: 'FILE', required: true, description: 'where to write the report' },
    tlp: { type: 'string', value: 'LEVEL', description: `the TLP marking on every page: ${TLP_LEVELS.join(', ')} (default ${DEFAULT_TLP})` },
    severity: { type: 'string', value: 'S[,S…]', description: `only incidents whose highest severity is one of these (${SEVERITIES.join(', ')})` },
    category: { type: 'string', value: 'C[,C…]', description: 'only these categories' },
    'include-exercises': { type: 'boolean', description: 'count exercises (tabletops, drills) too, marked EXERCISE; they are left out by default' },
    redact: { type: 'boolean', description: 'also scrub titles and reasons of personal values, whatever your role (for distribution outside the team)' },
    force: { type: 'boolean', description: 'replace FILE if it exists' },
  },
  // Everything that can be wrong with the command line is refused before signing in, so no file is written and nothing is recorded.
  check: (values) => {
    // The rule the API, `firebreak kpi` and the dashboard apply, in the options' own words.
    const problem = kpiPeriodProblem(values.from as string, values.to as string, { from: '--from', to: '--to' });
    if (problem) throw usageError(problem);
    oneOf(values.format, REPORT_FORMATS, 'format');
    if (values.tlp !== undefined) oneOf(values.tlp, TLP_LEVELS, 'tlp');
    list(values.severity, SEVERITIES, 'severity');
    list(values.category, CATEGORIES, 'category');
  },
  details: [
    'Sections: header (period, filters, marking, generated at/by, log anchor and verification), executive summary with the trend against',
    'the previous period (the calendar months before, or an equal length), response times (every duration with n, coverage, median, p90 and mean; charts by highest',
    'severity and by month), notifications (every obligation on time or late, by how much; overdue ones), backups and restore drills',
    'per plan, the incidents of the period, open action items, data problems, runbooks and sign-ins, the integrity anchor.',
    'The figures are those of `firebreak kpi` and the Dashboard (docs/kpis.md). Exercises are left out unless --include-exercises;',
    'then they are marked [EXERCISE]. No personal field is printed; with --redact (or a role without pii:read) free text is scrubbed too.',
    'Generating it is recorded as a report.generated event (on no incident) with the file\'s SHA-256 and the anchor the report carries.',
    'An existing FILE is refused before anything is generated, unless --force.',
  ].join('\n'),
  examples: [
    'firebreak report period --from 2026-07-01 --to 2026-09-30 --format pdf --out q3-2026.pdf',
    'firebreak report period --from 2026-01-01 --to 2026-12-31 --format docx --tlp green --severity SEV1,SEV2 --out 2026-board.docx',
  ],
  run: async (ctx) => {
    const format = oneOf<ReportFormat>(ctx.values.format, REPORT_FORMATS, 'format');
    const tlp = ctx.values.tlp === undefined ? DEFAULT_TLP : oneOf<TlpLevel>(ctx.values.tlp, TLP_LEVELS, 'tlp');
    const severity = list<Severity>(ctx.values.severity, SEVERITIES, 'severity');
    const category = list<Category>(ctx.values.category, CATEGORIES, 'category');
    const from = ctx.values.from as string;
    const to = ctx.values.to as string;
    const target = resolve(ctx.values.out as string);
    const force = ctx.values.force === true;
    // Refused before generating: a report that is never written must not be recorded as generated.
    if (!force && (await access(target).then(() => true, () => false))) throw new CliError(`${target} already exists (use --force to replace it); nothing was generated`, EXIT.error);
    const report = await ctx.call('reports.period', {
      from, to, format, tlp, includeExercises: ctx.values['include-exercises'] === true, redact: ctx.values.redact === true,
      ...(severity ? { severity } : {}), ...(category ? { category } : {}),
    });
    await writeFileAtomic(target, Buffer.from(report.dataBase64, 'base64'), force);
    if (!report.verification.ok) ctx.note(`warning: the event log did not verify when the report was generated (event ${report.verification.firstBadSeq ?? '?'}: ${report.verification.problem ?? ''}); the report says so`);
    const anchor = `${report.anchor.seq}:${report.anchor.hash}`;
    ctx.print(
      ctx.json
        ? toJson({ file: target, fileName: report.fileName, from, to, format, tlp, bytes: report.bytes, sha256: report.sha256, anchor: report.anchor, verified: report.verification.ok, eventSeq: report.eventSeq, personalData: report.personalData })
        : `Wrote ${target} (period ${from} to ${to}, ${format}, TLP:${tlp.toUpperCase()}, ${report.bytes} bytes)\nSHA-256 ${report.sha256}\nAnchor ${anchor} (recorded as event #${report.eventSeq}; check: firebreak log verify --anchor ${anchor} --report ${target})`,
    );
    return EXIT.ok;
  },
};
