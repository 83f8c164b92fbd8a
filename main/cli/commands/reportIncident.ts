import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DEFAULT_TLP, REPORT_FORMATS, TLP_LEVELS, type ReportFormat, type TlpLevel } from '../../../contract/reportTerms';
import { CliError, EXIT, usageError } from '../CliError';
import { toJson } from '../format';
import type { CommandSpec } from '../types';
import { writeFileAtomic } from '../writeFileAtomic';

const oneOf = <T extends string>(value: unknown, allowed: readonly T[], what: string): T => {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw usageError(`--${what} must be one of ${allowed.join(', ')} (got ${String(value)})`);
};

export const reportIncident: CommandSpec = {
  words: ['report', 'incident'],
  positionals: ['REF'],
  summary: 'write the incident report (PDF, DOCX, Markdown or HTML) with its TLP marking and log anchor',
  session: 'login',
  options: {
    format: { type: 'string', value: 'F', required: true, description: `the file format: ${REPORT_FORMATS.join(', ')}` },
    out: { type: 'string', value: 'FILE', required: true, description: 'where to write the report' },
    tlp: { type: 'string', value: 'LEVEL', description: `the TLP marking on every page: ${TLP_LEVELS.join(', ')} (default ${DEFAULT_TLP})` },
    redact: { type: 'boolean', description: 'mask personal data whatever your role (for distribution outside the team)' },
    force: { type: 'boolean', description: 'replace FILE if it exists' },
  },
  check: (values) => {
    oneOf(values.format, REPORT_FORMATS, 'format');
    if (values.tlp !== undefined) oneOf(values.tlp, TLP_LEVELS, 'tlp');
  },
  details: [
    'Sections: header, executive summary, impact, key times and the incident\'s durations, key events, runbook runs',
    '(every step, skips and undos), notifications against their deadlines, evidence with SHA-256 and custody, recovery,',
    'review and action items, the integrity anchor, and the whole timeline as an appendix. Personal data is masked',
    'when your role lacks pii:read, and for anyone with --redact.',
    'Generating it is recorded as a report.generated event with the file\'s SHA-256 and the anchor the report carries;',
    'check a report against the log later with `firebreak log verify --anchor SEQ:HASH --report FILE`.',
    'The file is written to a temporary name and renamed into place (mode 0600); an existing FILE is refused',
    'before anything is generated, unless --force. Prints the file, its SHA-256 and the anchor.',
  ].join('\n'),
  examples: [
    'firebreak report incident IR-2026-0007 --format pdf --out IR-2026-0007.pdf',
    'firebreak report incident IR-2026-0007 --format docx --tlp green --redact --out IR-2026-0007-board.docx',
  ],
  run: async (ctx) => {
    const [ref] = ctx.args as [string];
    const format = oneOf<ReportFormat>(ctx.values.format, REPORT_FORMATS, 'format');
    const tlp = ctx.values.tlp === undefined ? DEFAULT_TLP : oneOf<TlpLevel>(ctx.values.tlp, TLP_LEVELS, 'tlp');
    const target = resolve(ctx.values.out as string);
    const force = ctx.values.force === true;
    // Refused before generating: a report that is never written must not be recorded as generated.
    if (!force && (await access(target).then(() => true, () => false))) throw new CliError(`${target} already exists (use --force to replace it); nothing was generated`, EXIT.error);
    const report = await ctx.call('reports.incident', { ref, format, tlp, redact: ctx.values.redact === true });
    await writeFileAtomic(target, Buffer.from(report.dataBase64, 'base64'), force);
    if (!report.verification.ok) ctx.note(`warning: the event log did not verify when the report was generated (event ${report.verification.firstBadSeq ?? '?'}: ${report.verification.problem ?? ''}); the report says so`);
    if (report.personalData !== 'shown') ctx.note(`personal data ${report.personalData} in this report`);
    const anchor = `${report.anchor.seq}:${report.anchor.hash}`;
    ctx.print(
      ctx.json
        ? toJson({ file: target, fileName: report.fileName, format, tlp, bytes: report.bytes, sha256: report.sha256, anchor: report.anchor, verified: report.verification.ok, eventSeq: report.eventSeq, personalData: report.personalData })
        : `Wrote ${target} (${format}, TLP:${tlp.toUpperCase()}, ${report.bytes} bytes)\nSHA-256 ${report.sha256}\nAnchor ${anchor} (recorded as event #${report.eventSeq}; check: firebreak log verify --anchor ${anchor} --report ${target})`,
    );
    return EXIT.ok;
  },
};
