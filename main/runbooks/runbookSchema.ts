/**
 * The runbook file format, version 1 (docs/runbook-format.md is its prose description, and the
 * engine implements exactly the semantics written there). Every object is strict, so a typo in a
 * key is an error rather than a silently ignored field.
 */
import { z } from 'zod';
// The contract's files rather than its index: the runbook worker loads this, and starts faster without every API schema.
import { jurisdictionCodeSchema } from '../../contract/incident';
import { CATEGORIES, DATA_CATEGORIES, SEVERITIES } from '../../contract/incidentTerms';
import { ROLES } from '../../contract/roles';

/** Lower-case words joined by hyphens: stable ids that can appear in URLs, logs and `requires:`. */
const idSchema = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'lower-case letters, digits and single hyphens, starting with a letter').max(64);
const textSchema = z.string().trim().min(1).max(20_000);
const lineSchema = z.string().trim().min(1).max(300);
/** A duration such as 15m, 4h, 3d (minutes, hours, days): enough for reminders and deadlines. */
const durationSchema = z.string().regex(/^[1-9][0-9]{0,4}[mhd]$/, 'a duration like 15m, 4h or 3d');

/** NIST CSF 2.0 functions used during an incident (NIST SP 800-61r3), plus Improve. */
export const CSF_FUNCTIONS = ['Detect', 'Respond', 'Recover', 'Improve'] as const;
/** The SANS incident handling phases, PICERL. */
export const PICERL_PHASES = ['Preparation', 'Identification', 'Containment', 'Eradication', 'Recovery', 'Lessons Learned'] as const;
export const STEP_KINDS = ['task', 'checklist', 'input', 'decision', 'timer', 'approval', 'evidence', 'notify', 'command'] as const;
export const INPUT_TYPES = ['text', 'number', 'boolean', 'datetime', 'choice', 'data-categories', 'jurisdictions', 'affected-counts'] as const;

/**
 * Incident fields an input step may write, with the input type each needs. Only fields a
 * responder learns while working the runbook; status moves with the incident's phases.
 */
export const WRITABLE_FIELDS = {
  detectedAt: 'datetime',
  containedAt: 'datetime',
  eradicatedAt: 'datetime',
  recoveredAt: 'datetime',
  summary: 'text',
  dataCategories: 'data-categories',
  /** People affected, counted per jurisdiction: replaces the incident's list. */
  affected: 'affected-counts',
} as const satisfies Record<string, (typeof INPUT_TYPES)[number]>;
const writableFieldNames = Object.keys(WRITABLE_FIELDS) as [keyof typeof WRITABLE_FIELDS, ...(keyof typeof WRITABLE_FIELDS)[]];

const inputValueSchema = z.union([z.string().max(300), z.number(), z.boolean()]);

/**
 * Conditions on the incident and on earlier inputs; every condition given must hold (AND).
 * A list means "any of these".
 */
export const whenSchema = z.strictObject({
  /** This severity or worse (SEV1 is the worst). */
  severityAtLeast: z.enum(SEVERITIES).optional(),
  category: z.array(z.enum(CATEGORIES)).min(1).optional(),
  /** The incident has at least one of these data categories. */
  dataCategories: z.array(z.enum(DATA_CATEGORIES)).min(1).optional(),
  /** People are affected in at least one of these jurisdictions; `US` matches every `US-XX`. */
  jurisdictions: z.array(jurisdictionCodeSchema).min(1).optional(),
  /** Answers of input steps, by input name: equal to the value, or to one of the list. */
  inputs: z.record(idSchema, z.union([inputValueSchema, z.array(inputValueSchema).min(1)])).optional(),
});

const phaseSchema = z.strictObject({ csf: z.enum(CSF_FUNCTIONS), picerl: z.enum(PICERL_PHASES) });

const common = {
  id: idSchema,
  title: lineSchema,
  phase: phaseSchema,
  instructions: textSchema.optional(),
  requires: z.array(idSchema).min(1).optional(),
  when: whenSchema.optional(),
};

const answerSchema = z.strictObject({
  value: idSchema,
  label: lineSchema,
  /** Steps this answer switches on (forward branches). */
  goto: z.array(idSchema).min(1).optional(),
  /** Go back to an earlier step and repeat from there (a loop). */
  repeatFrom: idSchema.optional(),
});

export const stepSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...common, kind: z.literal('task') }),
  z.strictObject({ ...common, kind: z.literal('checklist'), items: z.array(lineSchema).min(1).max(100) }),
  z.strictObject({
    ...common,
    kind: z.literal('input'),
    name: idSchema,
    type: z.enum(INPUT_TYPES),
    options: z.array(idSchema).min(2).max(50).optional(),
    writes: z.enum(writableFieldNames).optional(),
    /** The answer is personal data (a name, a mailbox, an account): hidden from roles without pii:read. */
    personal: z.boolean().optional(),
  }),
  z.strictObject({ ...common, kind: z.literal('decision'), question: lineSchema, answers: z.array(answerSchema).min(2).max(20) }),
  z.strictObject({
    ...common,
    kind: z.literal('timer'),
    clock: idSchema,
    action: z.enum(['start', 'stop']),
    /** A repeating reminder while the clock runs. */
    remindEvery: durationSchema.optional(),
    /** Shown as a countdown: the clock is overdue after this long. */
    deadline: durationSchema.optional(),
  }),
  z.strictObject({
    ...common,
    kind: z.literal('approval'),
    /** The approvers' role (any role when absent). */
    role: z.enum(ROLES).optional(),
    /** How many different people must approve: 2 is the four-eyes rule. */
    people: z.number().int().min(1).max(2).default(1),
  }),
  z.strictObject({
    ...common,
    kind: z.literal('evidence'),
    /** What to attach. */
    attach: lineSchema,
    minFiles: z.number().int().min(1).max(100).default(1),
  }),
  z.strictObject({
    ...common,
    kind: z.literal('notify'),
    /** A notification regime id (e.g. gdpr-art33), or a party such as cyber-insurer. */
    regime: idSchema,
    audience: z.enum(['regulator', 'individuals', 'law-enforcement', 'insurer', 'customers', 'partners', 'board', 'staff', 'other']),
  }),
  z.strictObject({
    ...common,
    kind: z.literal('command'),
    /** Shown for copying, with a warning; Firebreak never runs it. */
    command: z.string().min(1).max(5000),
    shell: z.enum(['sh', 'powershell', 'cmd']),
    /** Where to run it (a host role, not an address). */
    runOn: lineSchema.optional(),
  }),
]);

const sourceSchema = z.strictObject({ title: lineSchema, url: z.url({ protocol: /^https$/ }).optional(), section: lineSchema.optional() });

export const runbookSchema = z.strictObject({
  format: z.literal(1),
  id: idSchema,
  title: lineSchema,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'a version like 1.0.0'),
  summary: textSchema,
  appliesTo: z.strictObject({
    categories: z.array(z.enum(CATEGORIES)).min(1),
    /** Suggested for incidents of this severity or worse. */
    severityAtLeast: z.enum(SEVERITIES),
  }),
  sources: z.array(sourceSchema).min(1),
  steps: z.array(stepSchema).min(1).max(500),
});

export type RunbookFile = z.output<typeof runbookSchema>;
export type RunbookStep = RunbookFile['steps'][number];
export type RunbookWhen = z.output<typeof whenSchema>;
