import { EXIT } from '../CliError';
import { isoTimeOption } from '../isoTimeOption';
import type { CommandSpec } from '../types';

/** The router's largest page for this method. */
const PAGE = 1000;
const ACTION_WORDS = { 'personal-data-viewed': 'personal data viewed', 'evidence-viewed': 'evidence viewed', 'evidence-exported': 'evidence exported' } as const;

export const auditAccessReport: CommandSpec = {
  words: ['audit', 'access-report'],
  positionals: [],
  summary: 'who viewed or exported which incident\'s personal data and evidence, when (from the log)',
  session: 'login',
  options: {
    // Not --user: that global option names who signs in.
    actor: { type: 'string', value: 'U', description: 'only what user U did' },
    incident: { type: 'string', value: 'REF', description: 'only incident REF' },
    from: { type: 'string', value: 'TIME', description: 'from this time on (ISO 8601 with offset)' },
    to: { type: 'string', value: 'TIME', description: 'before this time (ISO 8601 with offset)' },
  },
  check: (values) => {
    if (typeof values.from === 'string') values.from = isoTimeOption('from', values.from);
    if (typeof values.to === 'string') values.to = isoTimeOption('to', values.to);
  },
  details: [
    'Oldest first, read page by page from the log: incident.pii_viewed (a user with pii:read was shown an',
    'incident\'s personal fields; one record per user and incident per 10 minutes), evidence.viewed and',
    'evidence.exported. Evidence is named by its id (its name is free text). Times are UTC. The count goes',
    'to stderr. For answering a data subject: --incident with each incident that holds their data.',
    'Needs alert:read (administrators, auditors).',
  ].join('\n'),
  examples: ['firebreak audit access-report --incident IR-2026-0007', 'firebreak audit access-report --actor kim --from 2026-03-01T00:00:00Z --json'],
  run: async (ctx) => {
    const filter = {
      ...(typeof ctx.values.actor === 'string' ? { user: ctx.values.actor } : {}),
      ...(typeof ctx.values.incident === 'string' ? { incident: ctx.values.incident } : {}),
      ...(typeof ctx.values.from === 'string' ? { from: ctx.values.from } : {}),
      ...(typeof ctx.values.to === 'string' ? { to: ctx.values.to } : {}),
    };
    // Printed a page at a time: the report may span the whole log.
    let printed = 0;
    let total = 0;
    if (ctx.json) ctx.print('[');
    else ctx.print(`${'TIME'.padEnd(24)}  ${'USER'.padEnd(20)}  ${'ACTION'.padEnd(20)}  ${'INCIDENT'.padEnd(13)}  EVIDENCE`);
    for (let offset = 0; ; offset += PAGE) {
      const page = await ctx.call('audit.accessReport', { ...filter, offset, limit: PAGE });
      total = page.total;
      for (const r of page.rows) {
        if (ctx.json) ctx.print(`${printed > 0 ? ',' : ''}${JSON.stringify(r)}`);
        else ctx.print(`${r.ts.padEnd(24)}  ${r.user.padEnd(20)}  ${ACTION_WORDS[r.action].padEnd(20)}  ${(r.incidentRef ?? '-').padEnd(13)}  ${r.evidenceId ?? '-'}`);
        printed += 1;
      }
      if (page.rows.length < PAGE || printed >= total) break;
    }
    if (ctx.json) ctx.print(']');
    else ctx.note(`${total} record(s)`);
    return EXIT.ok;
  },
};
