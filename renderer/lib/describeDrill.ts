import type { BackupCheck } from '../../contract';
import { formatMinutes } from './formatMinutes';
import { formatSeconds } from './formatSeconds';

export interface DrillWords {
  /** "12.3 s of 30 min RTO — met", or the time alone when the plan sets no RTO. */
  rto: string;
  rtoMet: boolean | null;
  /** "backup 3 h old of a 24 h RPO — met": how much work a restore of it would have lost. */
  rpo: string;
  rpoMet: boolean | null;
}

/**
 * A drill's result against the plan's objectives. The RTO comes from the check (the plan's RTO
 * at the drill); the check records only the backup's age, so the RPO limit is the plan's.
 */
export function describeDrill(check: BackupCheck, rpoMinutes: number | null): DrillWords {
  const took = check.restoreSeconds === null ? 'no restore time' : formatSeconds(check.restoreSeconds);
  let rto = `${took} (no RTO set)`;
  let rtoMet: boolean | null = null;
  if (check.restoreSeconds !== null && check.rtoSeconds !== null) {
    rtoMet = check.restoreSeconds <= check.rtoSeconds;
    rto = `${took} of ${formatMinutes(check.rtoSeconds / 60)} RTO — ${rtoMet ? 'met' : 'missed'}`;
  }
  const age = check.rpoSeconds === null ? 'backup age unknown' : `backup ${formatSeconds(check.rpoSeconds)} old`;
  let rpo = `${age} (no RPO set)`;
  let rpoMet: boolean | null = null;
  if (check.rpoSeconds !== null && rpoMinutes !== null) {
    rpoMet = check.rpoSeconds <= rpoMinutes * 60;
    rpo = `${age} of a ${formatMinutes(rpoMinutes)} RPO — ${rpoMet ? 'met' : 'missed'}`;
  }
  return { rto, rtoMet, rpo, rpoMet };
}
