import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { EXERCISE_MARKING } from '../../../contract/incidentTerms';
import { CliError, EXIT } from '../CliError';
import { formatEvidence, toJson } from '../format';
import type { CommandSpec } from '../types';
import { writeFileAtomic } from '../writeFileAtomic';

export const evidenceExport: CommandSpec = {
  words: ['evidence', 'export'],
  positionals: ['REF', 'ID'],
  summary: 'export an evidence file (recorded in the chain of custody)',
  session: 'login',
  options: {
    out: { type: 'string', value: 'FILE', description: 'where to write the file', required: true },
    force: { type: 'boolean', description: 'replace FILE if it exists' },
  },
  details: [
    'The SHA-256 is checked against the one recorded at intake before the file is written (mode 0600).',
    'Evidence of an exercise incident is written unchanged (its hash must match the custody record); a note on stderr says it is an exercise.',
  ].join('\n'),
  examples: ['firebreak evidence export IR-2026-0001 3f0c…-uuid --out ./ransom-note.txt'],
  run: async (ctx) => {
    const [ref, id] = ctx.args as [string, string];
    const target = resolve(ctx.values.out as string);
    const content = await ctx.call('evidence.get', { ref, id, purpose: 'export' });
    const data = Buffer.from(content.dataBase64, 'base64');
    // The backend checked already; checking again here covers the transfer as well.
    const sha256 = createHash('sha256').update(data).digest('hex');
    if (sha256 !== content.evidence.sha256) {
      throw new CliError(`evidence ${id} does not match its recorded SHA-256; nothing written`, EXIT.integrity);
    }
    await writeFileAtomic(target, data, ctx.values.force === true);
    // The bytes cannot carry a marking without breaking the custody hash: the note says it instead.
    if ((await ctx.call('incidents.get', { ref })).exercise) {
      ctx.note(`firebreak: ${EXERCISE_MARKING}: ${ref} is an exercise; this evidence belongs to a tabletop or drill (the file is as recorded, unmarked)`);
    }
    ctx.print(
      ctx.json ? toJson({ ...content.evidence, exportedTo: target }) : `Exported ${formatEvidence(content.evidence)} to ${target}`,
    );
    return EXIT.ok;
  },
};
