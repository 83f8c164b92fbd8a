const UNIT_SECONDS = { m: 60, h: 3600, d: 86_400 } as const;

/** `15m`, `4h`, `3d` (the runbook format's durations) in seconds. */
export function parseDuration(text: string): number {
  const m = /^([1-9][0-9]{0,4})([mhd])$/.exec(text);
  if (!m) throw new Error(`not a duration: ${text}`);
  return Number(m[1]) * UNIT_SECONDS[m[2] as keyof typeof UNIT_SECONDS];
}
