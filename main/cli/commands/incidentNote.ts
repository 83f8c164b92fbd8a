import { EXIT } from '../CliError';
import { toJson } from '../format';
import type { CommandSpec } from '../types';

export const incidentNote: CommandSpec = {
  words: ['incident', 'note'],
  positionals: ['REF'],
  summary: "add a note to an incident's timeline",
  session: 'login',
  options: {
    text: { type: 'string', value: 'TEXT', description: 'the note', required: true },
  },
  examples: ['firebreak incident note IR-2026-0001 --text "Isolated FS01 from the network"'],
  run: async (ctx) => {
    const ref = ctx.args[0] as string;
    const event = await ctx.call('incidents.addNote', { ref, text: ctx.values.text as string });
    ctx.print(ctx.json ? toJson(event) : `Note added to ${ref} (event #${event.seq}).`);
    return EXIT.ok;
  },
};
