import { formatDuration } from './formatDuration';

/** A measured time: "0.04 s", "12.3 s", then whole units ("4 min") from a minute on. */
export function formatSeconds(seconds: number): string {
  const s = Math.max(0, seconds);
  if (s < 1) return `${s.toFixed(2)} s`;
  if (s < 60) return `${s.toFixed(1)} s`;
  return formatDuration(s);
}
