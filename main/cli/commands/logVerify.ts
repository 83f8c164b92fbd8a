import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliError, EXIT, usageError } from '../CliError';
import { formatVerify, toJson } from '../format';
import type { CommandSpec } from '../types';

/** `SEQ:HASH` as printed in a report, a backup manifest or by `log verify`. */
function parseAnchor(text: string): { seq: number; hash: string } {
  const m = /^(\d+):([0-9a-fA-F]{64})$/.exec(text.trim());
  if (!m || Number(m[1]) < 1) throw usageError(`--anchor must be SEQ:HASH, an event number and its 64-digit SHA-256 as the report prints it (e.g. 1042:9f86d0…), got "${text}"`);
  return { seq: Number(m[1]), hash: (m[2] ?? '').toLowerCase() };
}

export const logVerify: CommandSpec = {
  words: ['log', 'verify'],
  positionals: [],
  summary: 'recompute the hash chain of the event log (and check a report\'s anchor)',
  session: 'login',
  options: {
    anchor: { type: 'string', value: 'SEQ:HASH', description: 'also prove that the log still holds this event unchanged (the anchor a report or backup carries)' },
    report: { type: 'string', value: 'FILE', description: 'with --anchor: a report file; its SHA-256 must be recorded in the log (report.generated) with that anchor' },
  },
  check: (values) => {
    if (values.report !== undefined && values.anchor === undefined) throw usageError('--report needs --anchor (the anchor printed in the report)');
    if (typeof values.anchor === 'string') parseAnchor(values.anchor);
  },
  details: [
    'Exit 0 and the event count and head hash when intact; exit 4 naming the first bad event when not.',
    'With --anchor SEQ:HASH: exit 0 only if the event at SEQ still has that hash and the whole chain verifies;',
    'exit 4 with what changed otherwise. With --report FILE as well, the file\'s SHA-256 must be recorded in a',
    'report.generated event with the same anchor (docs/reports.md, "Checking a report against the log").',
  ].join('\n'),
  examples: ['firebreak log verify', 'firebreak log verify --json', 'firebreak log verify --anchor 1042:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 --report IR-2026-0007.pdf'],
  run: async (ctx) => {
    if (typeof ctx.values.anchor === 'string') {
      const anchor = parseAnchor(ctx.values.anchor);
      let reportSha256: string | undefined;
      if (typeof ctx.values.report === 'string') {
        const file = resolve(ctx.values.report);
        const data = await readFile(file).catch((err: NodeJS.ErrnoException) => {
          throw new CliError(`cannot read ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`, EXIT.error);
        });
        reportSha256 = createHash('sha256').update(data).digest('hex');
      }
      const check = await ctx.call('log.verifyAnchor', { ...anchor, ...(reportSha256 ? { reportSha256 } : {}) });
      if (ctx.json) ctx.print(toJson(check));
      if (!check.ok) {
        ctx.note(`firebreak: ${check.message}`);
        return EXIT.integrity;
      }
      if (!ctx.json) ctx.print(check.message);
      return EXIT.ok;
    }
    const result = await ctx.call('log.verify', {});
    if (ctx.json) ctx.print(toJson(result));
    if (!result.ok) {
      ctx.note(`firebreak: ${formatVerify(result)}`);
      return EXIT.integrity;
    }
    if (!ctx.json) ctx.print(formatVerify(result));
    return EXIT.ok;
  },
};
