import { MAX_EVIDENCE_BYTES } from '../../../contract/evidence';
import { EXIT } from '../CliError';
import { readEvidenceFile } from '../evidenceFile';
import { formatEvidence, toJson } from '../format';
import type { CommandSpec } from '../types';

export const evidenceAdd: CommandSpec = {
  words: ['evidence', 'add'],
  positionals: ['REF', 'FILE'],
  summary: 'attach a file to an incident as evidence (hashed at intake)',
  session: 'login',
  options: {},
  details: `Files up to ${MAX_EVIDENCE_BYTES / (1024 * 1024)} MiB.`,
  examples: ['firebreak evidence add IR-2026-0001 ./ransom-note.txt'],
  run: async (ctx) => {
    const [ref, file] = ctx.args as [string, string];
    const evidence = await ctx.call('evidence.add', { ref, ...(await readEvidenceFile(file)) });
    ctx.print(ctx.json ? toJson(evidence) : `Added to ${ref}: ${formatEvidence(evidence)}`);
    return EXIT.ok;
  },
};
