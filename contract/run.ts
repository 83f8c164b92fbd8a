import './zodConfig';
/**
 * Guided runs of a runbook on an incident (docs/runbook-format.md, "Semantics"). The engine keeps
 * every transition; these are the views and inputs the API exchanges.
 */
import { z } from 'zod';
import { refSchema, type Category, type Severity } from './incident';
import type { Role } from './roles';
import { runbookTextSchema } from './runbook';

export { FINISHED_STATES, STEP_STATES, SYSTEM_ACTOR } from './runTerms';
export type { StepState } from './runTerms';
import type { StepState } from './runTerms';

/** One step of the pinned runbook, as the run view shows it (the kind-specific keys of the file). */
export interface RunStepDefinition {
  id: string;
  kind: 'task' | 'checklist' | 'input' | 'decision' | 'timer' | 'approval' | 'evidence' | 'notify' | 'command';
  title: string;
  phase: { csf: string; picerl: string };
  instructions?: string;
  requires?: string[];
  when?: Record<string, unknown>;
  items?: string[];
  name?: string;
  type?: string;
  options?: string[];
  writes?: string;
  personal?: boolean;
  question?: string;
  answers?: { value: string; label: string; goto?: string[]; repeatFrom?: string }[];
  clock?: string;
  action?: 'start' | 'stop';
  remindEvery?: string;
  deadline?: string;
  role?: Role;
  people?: number;
  attach?: string;
  minFiles?: number;
  regime?: string;
  audience?: string;
  command?: string;
  shell?: string;
  runOn?: string;
}

/** An input step's value: text, number, yes/no, an ISO time, a choice, a list of ids, or counts per jurisdiction. */
export type RunInputValue = string | number | boolean | string[] | { jurisdiction: string; count: number }[];

/** The action a consequence followed from: what a person did, as the run records it. */
export interface RunCause {
  /** The transition's number in the run, and the event recording it in the hash chain. */
  n: number;
  eventSeq: number;
  /** Who did it. */
  by: string;
  /** What they did, in a few words, step ids quoted (`did "triage"`; never the value given). */
  text: string;
}

export interface RunStepView {
  definition: RunStepDefinition;
  state: StepState;
  /** 1 on the first pass; a loop (repeatFrom) starts pass 2 of the steps it repeats. */
  pass: number;
  /** Why a pending step cannot be done yet (what it waits for), empty otherwise. */
  blockedBy: string[];
  /** Why it was skipped, not applicable or not taken. */
  reason: string | null;
  availableAt: string | null;
  finishedAt: string | null;
  finishedBy: string | null;
  /** Seconds from available to finished, summed over every pass: time in step for the KPIs. */
  seconds: number;
  note: string | null;
  answer: string | null;
  value: RunInputValue | null;
  /** The value is personal data and this caller's role may not see it (`value` is null). */
  redacted: boolean;
  /**
   * A personal value this caller may read but that cannot be opened (`value` is null): erased with
   * the incident's personal data, or withheld because the personal-data key is not open in this
   * session (a grant pending until an administrator signs in). Absent otherwise.
   */
  personalData?: 'erased' | 'withheld';
  /** Checklist items ticked so far (indexes into `definition.items`). */
  ticked: number[];
  approvals: { by: string; at: string; note: string | null }[];
  evidence: string[];
  /** Every note written on the step, in order. */
  notes: { by: string; at: string; text: string }[];
  /**
   * When the engine put the step in its current state (available, not applicable, not taken, or
   * pending again after a loop): the action it followed from. Null when a person put it there,
   * and for runs recorded before consequences were attributed to `system`.
   */
  cause: RunCause | null;
}

export interface RunClock {
  name: string;
  startedAt: string;
  startedBy: string;
  stoppedAt: string | null;
  /** When the clock is overdue (start + the step's `deadline`), if it has one. */
  dueAt: string | null;
  /** Seconds between reminders, if the step asked for a repeating reminder. */
  remindEverySeconds: number | null;
}

export interface RunHistoryEntry {
  n: number;
  /** The event in the hash chain that records this transition. */
  eventSeq: number;
  at: string;
  by: string;
  kind: string;
  step: string | null;
  text: string;
  /** Undone later (still shown, never erased). */
  undone: boolean;
  /**
   * Set on a consequence (`by` is `system`): the action it followed from. Null for what a person
   * did, and for consequences recorded before they were attributed to `system` (those show the
   * person's name, as recorded).
   */
  cause: RunCause | null;
}

export interface PhaseTime {
  scheme: 'csf' | 'picerl';
  name: string;
  startedAt: string;
  endedAt: string | null;
  seconds: number;
}

export interface RunView {
  id: string;
  incidentRef: string;
  runbookId: string;
  title: string;
  /** The pinned version and SHA-256 of the file the run started from. */
  version: string;
  contentHash: string;
  source: 'built-in' | 'custom';
  startedAt: string;
  startedBy: string;
  completedAt: string | null;
  /** The phase of the first step that can be done now (or of the last step when complete). */
  currentPhase: { csf: string; picerl: string } | null;
  steps: RunStepView[];
  clocks: RunClock[];
  phases: PhaseTime[];
  history: RunHistoryEntry[];
  /** The latest user transition that `undo` would revert, if any. */
  undoable: { n: number; text: string } | null;
  /** The runbook file has changed since the run started (the run keeps its pinned copy). */
  newerVersion: { version: string; contentHash: string } | null;
}

/** A runbook suggested for an incident, best first. */
export interface RunbookSuggestion {
  id: string;
  title: string;
  version: string;
  source: 'built-in' | 'custom';
  matchesCategory: boolean;
  matchesSeverity: boolean;
  /** An active run of it on this incident already exists. */
  running: boolean;
}

const SEVERITY_ORDER: readonly Severity[] = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];

/** Runbooks for this category and severity first, then this category, then the rest, each by title. */
export function rankRunbooks<T extends { id: string | null; title: string | null; appliesTo: { categories: Category[]; severityAtLeast: Severity } | null }>(
  runbooks: readonly T[],
  incident: { category: Category; severity: Severity },
): (T & { matchesCategory: boolean; matchesSeverity: boolean })[] {
  return runbooks
    .filter((r) => r.id !== null && r.appliesTo !== null)
    .map((r) => ({
      ...r,
      matchesCategory: r.appliesTo?.categories.includes(incident.category) ?? false,
      matchesSeverity: SEVERITY_ORDER.indexOf(incident.severity) <= SEVERITY_ORDER.indexOf(r.appliesTo?.severityAtLeast ?? 'SEV4'),
    }))
    .sort((a, b) =>
      Number(b.matchesCategory) - Number(a.matchesCategory)
      || Number(b.matchesSeverity && b.matchesCategory) - Number(a.matchesSeverity && a.matchesCategory)
      || (a.title ?? '').localeCompare(b.title ?? ''));
}

const stepId = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/).max(64);
const runId = z.uuid();
const note = z.string().trim().min(1).max(20_000);
const inputValue = z.union([
  z.string().max(20_000),
  z.number(),
  z.boolean(),
  z.array(z.string().max(100)).max(300),
  z.array(z.strictObject({ jurisdiction: z.string().max(10), count: z.number().int().min(0).max(10_000_000_000) })).max(300),
]);

export const runStartInputSchema = z.strictObject({ ref: refSchema, runbookId: stepId });

/**
 * What a person does to a step. `done` carries what the kind needs: an answer (decision), a value
 * (input), the ticked items (checklist) or the evidence ids (evidence); approvals use `approve`.
 */
export const runActionSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('done'),
    step: stepId,
    note: note.optional(),
    answer: stepId.optional(),
    value: inputValue.optional(),
    items: z.array(z.number().int().min(0).max(99)).max(100).optional(),
    evidence: z.array(z.uuid()).max(100).optional(),
  }),
  z.strictObject({ type: z.literal('skip'), step: stepId, reason: note }),
  z.strictObject({ type: z.literal('tick'), step: stepId, item: z.number().int().min(0).max(99), checked: z.boolean() }),
  z.strictObject({ type: z.literal('note'), step: stepId, text: note }),
  z.strictObject({ type: z.literal('undo'), reason: note }),
]);
export type RunAction = z.infer<typeof runActionSchema>;

export const runActInputSchema = z.strictObject({ runId, action: runActionSchema });
export const runApproveInputSchema = z.strictObject({ runId, step: stepId, note: note.optional() });

/** Import (or replace) one of the organisation's own runbooks. */
export const runbookImportInputSchema = z.strictObject({
  name: z.string().min(1).max(255),
  text: runbookTextSchema,
  replace: z.boolean().default(false),
});
export const runbookDuplicateInputSchema = z.strictObject({ id: stepId, newId: stepId, title: z.string().trim().min(1).max(300).optional() });
export const runbookExportInputSchema = z.strictObject({ id: stepId, source: z.enum(['built-in', 'custom']).optional() });
export { runId as runIdSchema };
