import { resolve } from 'node:path';
import { EXERCISE_MARKING } from '../../../contract/incidentTerms';
import { AUDIENCES, DECISION_SUPPORT_NOTICE, EXPORT_FORMATS, type Audience, type ExportFormat } from '../../../contract/notifyTerms';
import { EXIT, usageError } from '../CliError';
import { toJson } from '../format';
import type { CommandSpec } from '../types';
import { writeFileAtomic } from '../writeFileAtomic';

const oneOf = <T extends string>(value: unknown, allowed: readonly T[], what: string): T => {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw usageError(`--${what} must be one of ${allowed.join(', ')}`);
};

export const notifyDraft: CommandSpec = {
  words: ['notify', 'draft'],
  positionals: ['REF', 'REGIME'],
  summary: 'write the notice a regime calls for (drafting it first if there is none) and export it as PDF, DOCX, Markdown, HTML or .eml',
  session: 'login',
  options: {
    audience: { type: 'string', value: 'A', description: `who the notice is for: ${AUDIENCES.join(', ')} (default: the regime's own audience)` },
    format: { type: 'string', value: 'F', required: true, description: `the file format: ${EXPORT_FORMATS.join(', ')}` },
    out: { type: 'string', value: 'FILE', required: true, description: 'where to write the file' },
    recipient: { type: 'string', value: 'TEXT', description: 'the address block / To: (e.g. "CNIL <notifications@cnil.example>"); default: who it was sent to, else the regime\'s recipient' },
    'two-approvers': { type: 'boolean', description: 'when drafting a new notice: the plan asks for two approvers' },
    force: { type: 'boolean', description: 'replace FILE if it exists' },
  },
  check: (values) => {
    oneOf(values.format, EXPORT_FORMATS, 'format');
    if (values.audience !== undefined) oneOf(values.audience, AUDIENCES, 'audience');
  },
  details: [
    'Uses the latest draft for this regime and audience (a supplementary notice follows a sent one), or drafts a',
    'new one from the incident\'s breach facts and the letterhead. Prints the draft id, version and status, and',
    'every required item still missing, on stderr. A draft with [[MISSING: …]] placeholders is still written (for',
    'review), with a warning: it cannot be approved until they are filled. Exit 0 when the file was written.',
    'Revise, approve and record the sending in the app (notify.drafts.*). The file is written atomically (mode 0600).',
    DECISION_SUPPORT_NOTICE,
  ].join('\n'),
  examples: [
    'firebreak notify draft IR-2026-0007 eu-gdpr-art33 --format pdf --out art33.pdf',
    'firebreak notify draft IR-2026-0007 us-ca-1798-82 --audience individuals --format docx --out ca-notice.docx',
    'firebreak notify draft IR-2026-0007 eu-gdpr-art33 --format eml --recipient "DPA <breach@dpa.example>" --out art33.eml',
  ],
  run: async (ctx) => {
    const [ref, regimeId] = ctx.args as [string, string];
    const format = oneOf<ExportFormat>(ctx.values.format, EXPORT_FORMATS, 'format');
    const target = resolve(ctx.values.out as string);
    let audience = ctx.values.audience as Audience | undefined;
    if (audience === undefined) {
      const regime = (await ctx.call('notify.regimes', {})).find((r) => r.id === regimeId);
      if (!regime) throw usageError(`no regime ${regimeId}: \`firebreak notify regimes\` lists the ids`);
      audience = regime.audience as Audience;
    }
    const existing = (await ctx.call('notify.drafts.list', { ref })).filter((d) => d.regimeId === regimeId && d.audience === audience).at(-1);
    const draft = existing
      ? await ctx.call('notify.drafts.get', { id: existing.id })
      : await ctx.call('notify.drafts.create', { ref, regimeId, audience, ...(ctx.values['two-approvers'] === true ? { twoApprovers: true } : {}) });
    const recipient = ctx.values.recipient as string | undefined;
    const file = await ctx.call('notify.drafts.export', { id: draft.id, format, ...(recipient !== undefined ? { recipient } : {}) });
    await writeFileAtomic(target, Buffer.from(file.dataBase64, 'base64'), ctx.values.force === true);

    ctx.note(DECISION_SUPPORT_NOTICE);
    if (draft.exercise) ctx.note(`${EXERCISE_MARKING}: ${ref} is an exercise; the file is marked so on every page and its subject starts with [EXERCISE]`);
    ctx.note(`${existing ? 'Draft' : 'New draft'} ${draft.id}, version ${draft.version} (${draft.status}${draft.supplementTo ? `, supplements ${draft.supplementTo}` : ''}): ${draft.title}`);
    if (draft.outcome !== 'notify') ctx.note(`note: the assessment for ${draft.regimeName} was "${draft.outcome}" when this draft was created`);
    for (const item of draft.contents.filter((c) => !c.present)) ctx.note(`missing: ${item.text} (${item.source.cite})`);
    if (file.placeholders.length > 0) {
      ctx.note(`warning: ${file.placeholders.length} placeholder(s) remain (${file.placeholders.join('; ')}); the draft cannot be approved until they are filled`);
    }
    ctx.print(
      ctx.json
        ? toJson({ notice: DECISION_SUPPORT_NOTICE, draft: { id: draft.id, version: draft.version, status: draft.status, placeholders: draft.placeholders }, file: target, sha256: file.sha256 })
        : `Wrote ${target} (${format}, SHA-256 ${file.sha256})`,
    );
    return EXIT.ok;
  },
};
