/** What the breach-notification engine concludes from the facts (docs/notify-facts.md). */
import type { BreachFactName, BreachFacts } from './breachFacts';
import type { JurisdictionNote } from './jurisdictions';
import type { Audience, ContentField, DeadlineUnit } from './regime';

/** Three-valued: a rule holds, does not, or cannot be decided until a fact is known. */
export type Tri = 'yes' | 'no' | 'unknown';

export interface SourceCite {
  cite: string;
  url: string;
}

/** One rule of a regime (scope, a threshold, an exemption) against the facts. */
export interface RuleFinding {
  id: string;
  text: string;
  result: Tri;
  /** The facts the rule looked at, as read ("riskToIndividuals: high", "affected in US-CA: 1,200"). */
  facts: string[];
  source: SourceCite;
}

export interface StageDeadline {
  id: string;
  title: string;
  /** The rule's own words. */
  wording: string;
  amount: number | null;
  unit: DeadlineUnit | null;
  /** When the clock started (ISO), or null while the starting fact is unknown. */
  clockStart: string | null;
  /** What starts it, in words ("awareness (awareAt)", "end of the calendar year of discovery", "stage notification"). */
  startsAt: string;
  /** The deadline (ISO, UTC), or null: no fixed period ("as soon as feasible"), or the start is unknown. */
  due: string | null;
  /**
   * `asap`: no fixed period; `waiting`: the starting fact is unknown; `conditional`: its `when` is
   * undecided; `unavailable`: it cannot be computed (a business-day count beyond the holiday
   * calendar's years) — see `problem`.
   */
  status: 'due' | 'asap' | 'waiting' | 'conditional' | 'unavailable';
  /** Why the deadline could not be computed (status `unavailable`), else null. */
  problem: string | null;
  /** The fact that would start the clock, when it is missing. */
  waitingFor: BreachFactName | null;
  source: SourceCite;
  /**
   * The notice that met this stage: the first one recorded as sent for this regime, stage and the
   * regime's audience (an incident's assessment only; null for a facts file and while none is sent).
   */
  met: StageMet | null;
}

/** A stage met by a notice recorded as sent (`notify.drafts.markSent`). */
export interface StageMet {
  draftId: string;
  /** When it went out (ISO), as recorded. */
  sentAt: string;
  sentBy: string;
  channel: string;
  recipient: string;
  /** The deadline minus the time it was sent: positive when on time, negative when late; null without a fixed deadline. */
  marginMs: number | null;
}

/** The decision in force about a regime's obligation for an incident (`notify.decide`): the latest one recorded. */
export interface ObligationDecision {
  /** `not-required`: nobody is told under this regime; `required`: a previous not-required decision withdrawn. */
  decision: 'not-required' | 'required';
  reason: string;
  by: string;
  at: string;
}

export type Outcome =
  /** In scope, every threshold met, no exemption holds: notify. */
  | 'notify'
  /** In scope, but a threshold or the scope itself cannot be decided yet: the clocks run meanwhile. */
  | 'undetermined'
  /** In scope, a threshold is not met. */
  | 'not-required'
  /** In scope and over the thresholds, but an exemption holds. */
  | 'exempt'
  /** Not in scope (territory, sector, no personal data). */
  | 'out-of-scope';

export interface RegimeAssessment {
  regime: {
    id: string;
    name: string;
    title: string;
    jurisdiction: { code: string; name: string; timeZone: string };
    audience: Audience;
    recipient: string;
    reviewedOn: string;
  };
  outcome: Outcome;
  /** One sentence: the rule and the facts that decided the outcome. */
  why: string;
  applies: RuleFinding;
  thresholds: RuleFinding[];
  exemptions: RuleFinding[];
  /** The stages due (those whose `when` does not hold are left out); empty unless notify or undetermined. */
  stages: StageDeadline[];
  /** Facts that would decide something still open in this regime. */
  missing: BreachFactName[];
  /**
   * The decision recorded about this regime for the incident (null for a facts file, or none
   * recorded). While it is `not-required`, the regime's stages are no open obligation.
   */
  decision: ObligationDecision | null;
  /**
   * Open obligation: notify or undetermined, not decided not required, and at least one stage
   * not yet met by a sent notice. What the deadline board and the alarms track.
   */
  open: boolean;
  contents: { id: string; text: string; field: ContentField; stage: string | null; source: SourceCite }[];
  notes: { text: string; source: SourceCite }[];
  conflicts: { text: string; readings: string[]; conservative: string; sources: SourceCite[] }[];
}

export interface Assessment {
  /** When it was computed (ISO). */
  at: string;
  facts: BreachFacts;
  /** notify and undetermined first (earliest deadline first), then exempt, not required, out of scope. */
  regimes: RegimeAssessment[];
  /** Every missing fact with the regimes it would decide. */
  missing: { fact: BreachFactName; regimes: string[] }[];
  /**
   * Codes that were not read as given: aliases given now and read as their codes, and codes stored
   * before codes were checked (an alias read as its code, or an invalid one no regime can match).
   */
  jurisdictionNotes: JurisdictionNote[];
}

/** One open obligation on the deadline board (`notify.board`). */
export interface BoardRow {
  ref: string;
  title: string;
  /** The incident's phase: a closed incident's unmet obligations stay on the board. */
  incidentStatus: string;
  /** A tabletop or drill: its obligations are rehearsed, not owed (badged EXERCISE wherever shown). */
  exercise: boolean;
  regimeId: string;
  regimeName: string;
  audience: Audience;
  jurisdiction: { code: string; name: string; timeZone: string };
  outcome: 'notify' | 'undetermined';
  stageId: string;
  stageTitle: string;
  wording: string;
  status: StageDeadline['status'];
  due: string | null;
  waitingFor: BreachFactName | null;
  /** Due at or before the time the board was computed. */
  overdue: boolean;
}

/** A deadline alarm: an obligation crossed one of the warning thresholds, or its deadline. */
export interface DeadlineAlarm {
  ref: string;
  regimeId: string;
  regimeName: string;
  stageId: string;
  stageTitle: string;
  due: string;
  /** Hours before the deadline, or 0 when it has passed. */
  threshold: number;
  /** The incident is an exercise: the alarm says so, so nobody files a real notice for a drill. */
  exercise: boolean;
}
