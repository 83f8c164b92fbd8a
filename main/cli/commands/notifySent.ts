import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { EXPORT_FORMATS, SEND_CHANNELS, type ExportFormat, type SendChannel } from '../../../contract/notifyTerms';
import { CliError, EXIT, usageError } from '../CliError';
import { toJson } from '../format';
import type { CommandSpec } from '../types';
import { draftOf } from '../draftOf';

const FORMAT_OF: Readonly<Record<string, ExportFormat>> = { '.pdf': 'pdf', '.docx': 'docx', '.md': 'md', '.markdown': 'md', '.html': 'html', '.htm': 'html', '.eml': 'eml' };

export const notifySent: CommandSpec = {
  words: ['notify', 'sent'],
  positionals: ['REF', 'DRAFT_ID'],
  summary: 'record that an approved notice went out: channel, recipient, time, and the SHA-256 of the file that was sent',
  session: 'login',
  options: {
    channel: { type: 'string', value: 'C', required: true, description: `how it was sent: ${SEND_CHANNELS.join(', ')}` },
    recipient: { type: 'string', value: 'TEXT', required: true, description: 'who received it (an address, a portal, a reference number)' },
    file: { type: 'string', value: 'FILE', required: true, description: 'the file that was sent (its SHA-256 is what the log records)' },
    format: { type: 'string', value: 'F', description: `what FILE is (${EXPORT_FORMATS.join(', ')}); default: from its extension` },
    at: { type: 'string', value: 'TIME', description: 'when it went out, ISO 8601 with its offset (default: now); not in the future' },
  },
  check: (values) => {
    if (!(SEND_CHANNELS as readonly string[]).includes(values.channel as string)) throw usageError(`--channel must be one of ${SEND_CHANNELS.join(', ')}`);
    if (values.format !== undefined && !(EXPORT_FORMATS as readonly string[]).includes(values.format as string)) throw usageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
  },
  details: [
    'The notice meets its obligation from then on (notify assess shows "sent … before the deadline" or "late by …")',
    'and its deadline alarms stop; a staged regime keeps its next report due. A sent notice is frozen: any',
    'correction is a supplementary notice. Refused unless the latest version is approved.',
  ].join('\n'),
  examples: ['firebreak notify sent IR-2026-0007 3f6c1a2e-… --channel portal --recipient "CNIL online form, ref 2026-118" --file art33.pdf --user lena'],
  run: async (ctx) => {
    const [ref, id] = ctx.args as [string, string];
    const file = ctx.values.file as string;
    const format = (ctx.values.format as ExportFormat | undefined) ?? FORMAT_OF[extname(file).toLowerCase()];
    if (format === undefined) throw usageError(`say what ${file} is: --format ${EXPORT_FORMATS.join('|')}`);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}; nothing was recorded`, EXIT.error);
    }
    await draftOf(ctx, ref, id);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const at = ctx.values.at as string | undefined;
    const draft = await ctx.call('notify.drafts.markSent', {
      id, channel: ctx.values.channel as SendChannel, recipient: ctx.values.recipient as string, sha256, format, ...(at !== undefined ? { sentAt: at } : {}),
    });
    ctx.print(ctx.json ? toJson(draft) : `Recorded: ${draft.regimeName} notice ${draft.id} (version ${draft.version}) sent ${draft.sent?.at ?? ''} via ${draft.sent?.channel ?? ''} to ${draft.sent?.recipient ?? ''}; SHA-256 ${sha256} (${format})`);
    return EXIT.ok;
  },
};
