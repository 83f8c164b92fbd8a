import type { MethodInput } from '../../contract';

/** The Add plan form as typed: every field a string (or a checkbox), read by planInputFrom. */
export interface PlanForm {
  name: string;
  /** One absolute path per line. */
  sources: string;
  target: string;
  /** One glob per line. */
  exclude: string;
  /** A cron expression; empty means on demand only. */
  schedule: string;
  /** A cron expression for verifying the newest backup; empty means none. */
  verifySchedule: string;
  verifyLevel: 'quick' | 'full';
  keepLast: string;
  keepDaily: string;
  keepWeekly: string;
  keepMonthly: string;
  keepYearly: string;
  rtoMinutes: string;
  rpoMinutes: string;
  fullEvery: string;
  includeDatabase: boolean;
  /** Extra age recipients (age1…), one per line. */
  recipients: string;
}

export type PlanFormField = keyof PlanForm;

export const EMPTY_PLAN_FORM: PlanForm = {
  name: '', sources: '', target: '', exclude: '', schedule: '', verifySchedule: '', verifyLevel: 'full',
  keepLast: '', keepDaily: '', keepWeekly: '', keepMonthly: '', keepYearly: '',
  rtoMinutes: '', rpoMinutes: '', fullEvery: '7', includeDatabase: true, recipients: '',
};

const RETENTION = ['keepLast', 'keepDaily', 'keepWeekly', 'keepMonthly', 'keepYearly'] as const;

const lines = (text: string): string[] => text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');

export interface PlanInputResult {
  /** What to send to backups.plans.add, or null when a number field could not be read. */
  input: MethodInput<'backups.plans.add'> | null;
  /** Only what the form itself can tell (a number that is not a whole number); the API checks the rest. */
  errors: Partial<Record<PlanFormField, string>>;
}

/**
 * Turns the form into the API's input. Blank optional fields are left out (the API's defaults
 * apply) or sent as null (no RTO, no RPO, no schedule); everything else — names, paths, ranges,
 * cron syntax — is left to the API, whose VALIDATION issues the form shows field by field.
 */
export function planInputFrom(form: PlanForm): PlanInputResult {
  const errors: PlanInputResult['errors'] = {};
  const whole = (field: PlanFormField, text: string): number | undefined => {
    const t = text.trim();
    if (t === '') return undefined;
    if (!/^\d+$/.test(t)) {
      errors[field] = 'A whole number';
      return undefined;
    }
    return Number(t);
  };
  const retention: Partial<Record<(typeof RETENTION)[number], number>> = {};
  for (const rule of RETENTION) {
    const n = whole(rule, form[rule]);
    if (n !== undefined) retention[rule] = n;
  }
  const rto = whole('rtoMinutes', form.rtoMinutes);
  const rpo = whole('rpoMinutes', form.rpoMinutes);
  const fullEvery = whole('fullEvery', form.fullEvery);
  if (Object.keys(errors).length > 0) return { input: null, errors };
  const schedule = form.schedule.trim();
  const verifySchedule = form.verifySchedule.trim();
  return {
    input: {
      name: form.name.trim(),
      sources: lines(form.sources),
      target: form.target.trim(),
      exclude: lines(form.exclude),
      schedule: schedule === '' ? null : schedule,
      verifySchedule: verifySchedule === '' ? null : verifySchedule,
      verifyLevel: form.verifyLevel,
      retention,
      rtoMinutes: rto ?? null,
      rpoMinutes: rpo ?? null,
      ...(fullEvery !== undefined ? { fullEvery } : {}),
      includeDatabase: form.includeDatabase,
      recipients: lines(form.recipients),
    },
    errors,
  };
}
