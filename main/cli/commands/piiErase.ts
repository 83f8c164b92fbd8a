import { EXIT } from '../CliError';
import { toJson } from '../format';
import type { CommandSpec } from '../types';

export const piiErase: CommandSpec = {
  words: ['pii', 'erase'],
  positionals: [],
  summary: "erase an incident's personal data for good by destroying its key (crypto-shredding)",
  session: 'login',
  options: {
    incident: { type: 'string', value: 'REF', description: 'the incident whose reporter and affected people are erased', required: true },
    reason: { type: 'string', value: 'TEXT', description: 'why: the legal basis (an erasure request, the retention period)', required: true },
  },
  details: [
    "Destroys the key that REF's personal data (reporter name, e-mail, phone, the people affected)",
    'is sealed under. The values stay in the incident and in the audit log as ciphertext that no one',
    'can open again; the log still verifies. Logged as pii.subject_shredded with the reason and no',
    'personal data. Irreversible. Backups made before still hold the key until they age out',
    '(docs/security.md). Refused (exit 1): an incident with no personal data, or already erased.',
    'Needs pii:erase (administrators).',
  ].join('\n'),
  examples: ["firebreak pii erase --incident IR-2026-0042 --reason 'Art. 17 request of 2026-03-02, ticket DPO-118'"],
  run: async (ctx) => {
    const done = await ctx.call('pii.erase', { ref: ctx.values.incident as string, reason: ctx.values.reason as string });
    ctx.print(ctx.json ? toJson(done) : `Erased the personal data of ${done.ref} (data subject ${done.subject}), logged as event ${done.seq}.`);
    return EXIT.ok;
  },
};
