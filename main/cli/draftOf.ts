import type { Draft } from '../../contract';
import { CliError, EXIT } from './CliError';
import type { CommandContext } from './types';

/** The draft, refused when it belongs to another incident than the one named (a pasted id from the wrong case). */
export async function draftOf(ctx: CommandContext, ref: string, id: string): Promise<Draft> {
  const draft = await ctx.call('notify.drafts.get', { id });
  if (draft.ref !== ref) throw new CliError(`draft ${id} is a notice of ${draft.ref}, not ${ref}: nothing was changed`, EXIT.error);
  return draft;
}
