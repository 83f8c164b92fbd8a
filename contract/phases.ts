/**
 * An incident's phases and the times they were reached: the times every response metric is
 * computed from (time to triage, contain, eradicate, recover, close). Plain constants and types,
 * without zod (see contract/incidentTerms.ts for why).
 *
 * The rules (main/incidents, docs/cli.md "incident status"):
 * - a move forward over phases that have no time needs the caller's explicit agreement
 *   (`skipPhases`); those phases are then *skipped*: passed, and never given a time by a move;
 * - a move back sets the later phases' times aside as *superseded*: they stay in the log and in
 *   `superseded`, and stop being the incident's current times;
 * - times in impossible order (detected ≤ triaged ≤ contained ≤ eradicated ≤ recovered ≤ closed,
 *   wherever both are known) are refused, unless the caller overrides with a reason (logged);
 * - closing over open items (unmet obligations, unfinished runs, pending approvals, unsent notices)
 *   needs a reason, and the list is logged with it. Closing never ends an obligation.
 */
import type { DraftStatus } from './notifyTerms';
import type { IncidentStatus } from './incidentTerms';

/** The incident field holding each phase's time. */
export const PHASE_TIME_FIELD = {
  detected: 'detectedAt',
  triaged: 'triagedAt',
  contained: 'containedAt',
  eradicated: 'eradicatedAt',
  recovered: 'recoveredAt',
  closed: 'closedAt',
} as const satisfies Record<IncidentStatus, string>;
export type PhaseTimeField = (typeof PHASE_TIME_FIELD)[IncidentStatus];

/**
 * - `reached`: the incident is in this phase or past it, and the phase has its time (`at`).
 * - `skipped`: the incident is in this phase or past it, but the phase has no time: it was moved
 *   over (or moved back into after that). Never has a time; recording one makes it `reached`.
 * - `superseded`: not reached now, and the time it had was set aside by a move back (see `superseded`).
 * - `not-reached`: not reached yet. `at` may hold a time recorded ahead (by hand or a runbook
 *   input); it becomes the phase's time when the phase is reached.
 */
export const PHASE_STATES = ['reached', 'skipped', 'superseded', 'not-reached'] as const;
export type PhaseState = (typeof PHASE_STATES)[number];

/** A phase time that a move back set aside: never lost, never current again. */
export interface SupersededTime {
  /** The time the phase had. */
  at: string;
  /** When the move back happened, by whom and why. */
  supersededAt: string;
  supersededBy: string;
  reason: string;
  /** The `incident.status_changed` event in the hash chain that set it aside. */
  eventSeq: number;
}

export interface IncidentPhase {
  phase: IncidentStatus;
  state: PhaseState;
  /** The phase's current time: set for `reached`, null for `skipped` and `superseded`, a time recorded ahead or null for `not-reached`. */
  at: string | null;
  /** Earlier times of this phase set aside by moves back, oldest first (also when it has been reached again since). */
  superseded: SupersededTime[];
}

/**
 * The points in time whose order is checked: when the compromise or impact began (`started`,
 * which may be unknown and is not a phase), then each phase. started ≤ detected ≤ triaged ≤
 * contained ≤ eradicated ≤ recovered ≤ closed wherever both are known.
 */
export const TIME_POINTS = ['started', 'detected', 'triaged', 'contained', 'eradicated', 'recovered', 'closed'] as const;
export type TimePoint = (typeof TIME_POINTS)[number];
/** The incident field holding each time point. */
export const TIME_POINT_FIELD = { started: 'startedAt', ...PHASE_TIME_FIELD } as const satisfies Record<TimePoint, string>;
export type TimePointField = (typeof TIME_POINT_FIELD)[TimePoint];

/** Two times in impossible order: `later` should not come before `earlier`, but its time does. */
export interface TimeOrderConflict {
  later: TimePoint;
  laterAt: string;
  earlier: TimePoint;
  earlierAt: string;
}

/** Something still open on an incident that is being closed (the close gate; main/api/handlers/openItemsForClosing.ts). */
export type OpenItem =
  | {
      kind: 'obligation';
      /** One line for a person: what, and by when. */
      text: string;
      regimeId: string;
      regimeName: string;
      stageId: string;
      stageTitle: string;
      due: string | null;
      overdue: boolean;
    }
  | { kind: 'run'; text: string; runId: string; runbookId: string; title: string; finished: number; total: number }
  | {
      kind: 'approval';
      text: string;
      runId: string;
      runTitle: string;
      stepId: string;
      stepTitle: string;
      approvals: number;
      needed: number;
    }
  | { kind: 'notice'; text: string; draftId: string; regimeName: string; stage: string | null; status: Exclude<DraftStatus, 'sent'> };
export type OpenItemKind = OpenItem['kind'];
