import { EXIT } from '../CliError';
import { formatIncident, formatTimeline, toJson } from '../format';
import type { CommandSpec } from '../types';

export const incidentShow: CommandSpec = {
  words: ['incident', 'show'],
  positionals: ['REF'],
  summary: 'show an incident and its timeline',
  session: 'login',
  options: {},
  details: 'With --json: {"incident": {...}, "timeline": [...]}.',
  examples: ['firebreak incident show IR-2026-0001'],
  run: async (ctx) => {
    const ref = ctx.args[0] as string;
    const incident = await ctx.call('incidents.get', { ref });
    const timeline = await ctx.call('timeline.forIncident', { ref });
    ctx.print(
      ctx.json ? toJson({ incident, timeline }) : `${formatIncident(incident)}\n\nTimeline:\n${formatTimeline(timeline)}`,
    );
    return EXIT.ok;
  },
};
