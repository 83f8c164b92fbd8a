import type { CommandContext } from './types';

/**
 * The RPO of a backup's plan, to judge a drill's backup age by; null when the plan sets none or
 * is gone (its backups stay, and the drill's record still holds its restore time and RTO).
 */
export async function planRpo(ctx: CommandContext, plan: string): Promise<number | null> {
  try {
    return (await ctx.call('backups.plans.get', { name: plan })).rpoMinutes;
  } catch {
    return null;
  }
}
