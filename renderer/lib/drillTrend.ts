import type { BackupCheck } from '../../contract';

export interface TrendBar {
  key: string;
  x: number;
  y: number;
  width: number;
  height: number;
  seconds: number;
  ok: boolean;
  at: string;
  backupId: string;
}

export interface DrillTrend {
  bars: TrendBar[];
  /** The top of the scale, in seconds. */
  scaleSeconds: number;
  /** Where the RTO line goes, or null when there is no RTO or it is far above every drill. */
  rtoY: number | null;
  /** The RTO exists but would flatten every bar: it is named instead of drawn. */
  rtoOffChart: boolean;
  /** The bottom of the plot (the x axis). */
  baseY: number;
}

export const TREND_MAX_BARS = 20;
const PAD = { top: 8, right: 4, bottom: 4, left: 4 };
/** Drawn only while it keeps the bars readable: within 4× the slowest drill. */
const RTO_IN_VIEW = 4;
const MIN_SLOTS = 8;

/**
 * Bar geometry for the drill restore times of one plan, oldest on the left, for an inline SVG
 * (geometry attributes only: the CSP forbids style attributes). Drills without a restore time
 * are left out; repeated checks (same backup and time) count once.
 */
export function drillTrend(checks: readonly BackupCheck[], rtoSeconds: number | null, width: number, height: number): DrillTrend {
  const seen = new Set<string>();
  const drills = checks
    .filter((c) => c.level === 'drill' && c.restoreSeconds !== null)
    .filter((c) => {
      const key = `${c.backupId}@${c.at}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    .slice(-TREND_MAX_BARS);
  const baseY = height - PAD.bottom;
  const innerH = baseY - PAD.top;
  const slowest = Math.max(0, ...drills.map((c) => c.restoreSeconds ?? 0));
  const rtoInView = rtoSeconds !== null && (slowest === 0 || rtoSeconds <= slowest * RTO_IN_VIEW);
  let scaleSeconds = Math.max(slowest, rtoInView && rtoSeconds !== null ? rtoSeconds : 0) * 1.15;
  if (scaleSeconds <= 0) scaleSeconds = 1;
  const slot = (width - PAD.left - PAD.right) / Math.max(drills.length, MIN_SLOTS);
  const barWidth = slot * 0.6;
  const bars = drills.map((c, i): TrendBar => {
    const seconds = c.restoreSeconds ?? 0;
    const h = Math.max(1, (seconds / scaleSeconds) * innerH);
    return {
      key: `${c.backupId}@${c.at}`,
      x: round(PAD.left + i * slot + (slot - barWidth) / 2),
      y: round(baseY - h),
      width: round(barWidth),
      height: round(h),
      seconds,
      ok: c.ok,
      at: c.at,
      backupId: c.backupId,
    };
  });
  return {
    bars,
    scaleSeconds,
    rtoY: rtoInView && rtoSeconds !== null ? round(baseY - (rtoSeconds / scaleSeconds) * innerH) : null,
    rtoOffChart: rtoSeconds !== null && !rtoInView,
    baseY,
  };
}

const round = (n: number): number => Math.round(n * 100) / 100;
