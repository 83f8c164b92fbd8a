import {
  placeholderFor, type Audience, type ContentField, type DraftContentItem, type RegimeAssessment, type StageDeadline,
} from '../../../contract';
import { describeField, fieldOrPlaceholder, type FieldSources } from './describeField';
import { formatLetterDate } from './formatLetterDate';

export type ContentSpec = Omit<DraftContentItem, 'present'>;

export interface ComposeInput extends FieldSources {
  assessment: RegimeAssessment;
  /** The stage the notice is for, with its deadline as assessed (null when the regime's stages are not due). */
  stage: { id: string; title: string; deadline: StageDeadline | null };
  audience: Audience;
  /** Set for a supplementary notice: the sent notice it follows. */
  supplementTo: { title: string; sentAt: string } | null;
}

export interface ComposedDraft {
  title: string;
  body: string;
  contents: ContentSpec[];
}

/**
 * Writes a notice for the audience from the regime's required contents and the incident's facts.
 *
 * - Authorities (and `other`): factual, one numbered section per required item, each with the
 *   legal source it answers, so the reader can tick them off.
 * - Affected people and the media: plain language under the headings people look for (What
 *   happened, What information was involved, What this means for you, What we are doing, What you
 *   can do, For more information — also the headings Cal. Civ. Code 1798.82(d)(1) prescribes).
 * - The board: a briefing with the obligation, its deadline and the same facts.
 *
 * Every required field appears either with its text or as a `[[MISSING: …]]` placeholder; optional
 * sections appear only when their fact is known. The not-legal-advice note is deliberately NOT
 * part of the body: the body is the letter the organisation sends to a regulator or to the people
 * affected, where a software disclaimer would be wrong and confusing. It travels with the draft in
 * the app, the CLI and the exported files' metadata instead (contract DECISION_SUPPORT_NOTICE).
 */
export function composeDraft(input: ComposeInput): ComposedDraft {
  const contents = contentsFor(input);
  const required = new Set(contents.map((c) => c.field));
  const text = (field: ContentField) => fieldOrPlaceholder(field, input);
  /** Required: the text or its placeholder; optional: the text, or nothing when unknown. */
  const optional = (field: ContentField): string | null => (required.has(field) ? text(field) : describeField(field, input));
  const org = input.letterhead.organisation !== '' ? input.letterhead.organisation : placeholderFor('organisation');
  const signature = [input.letterhead.signatory, org].filter((x) => x !== '');
  const supplement = supplementLine(input);

  switch (input.audience) {
    case 'individuals':
      return {
        title: input.supplementTo ? 'Update to our Notice of Data Breach' : 'Notice of Data Breach',
        contents,
        body: join([
          'Dear Sir or Madam,',
          supplement ?? `We are writing to tell you about a data breach at ${org} that involves your personal information. We are sorry that this has happened. This letter explains what happened, what it means for you and what you can do.`,
          section('What happened', optional('nature'), optional('dates'), required.has('affectedCount') ? text('affectedCount') : null),
          section('What information was involved', optional('dataCategories')),
          section('What this means for you', optional('likelyConsequences')),
          section('What we are doing', optional('measuresTaken')),
          section('What you can do', optional('adviceToIndividuals')),
          section('Why we are writing to you now', required.has('delayReasons') ? text('delayReasons') : null),
          section('For more information', optional('contactPoint'), required.has('organisation') ? `This notice is sent by ${text('organisation')}.` : null),
          signOff('Yours sincerely,', signature),
        ]),
      };
    case 'media':
      return {
        title: `${org}: statement on a data breach`,
        contents,
        body: join([
          supplement ?? `${org} is informing the public about a data breach that involves personal information.`,
          section('What happened', optional('nature'), optional('dates')),
          section('Who is affected', optional('affectedCount'), labelled('The information involved', optional('dataCategories'))),
          section('What it means for the people affected', optional('likelyConsequences')),
          section('What we are doing', optional('measuresTaken')),
          section('What people can do', optional('adviceToIndividuals')),
          section('Why we are informing the public now', required.has('delayReasons') ? text('delayReasons') : null),
          section('Contact', optional('contactPoint'), required.has('organisation') ? text('organisation') : null),
        ]),
      };
    case 'board':
      return {
        title: `Board briefing: ${input.assessment.regime.name} notice for ${input.incident.ref}`,
        contents,
        body: join([
          supplement,
          section(
            'The obligation',
            `${input.assessment.regime.title}. Notice to: ${input.assessment.regime.recipient}.`,
            `Assessment: ${input.assessment.outcome}. ${input.assessment.why}`,
            deadlineLine(input),
          ),
          ...contents.map((c) => section(c.text, text(c.field))),
          section('Decision requested', `Approve the notice to ${input.assessment.regime.recipient.charAt(0).toLowerCase()}${input.assessment.regime.recipient.slice(1)} before the deadline.`),
        ]),
      };
    case 'authority':
    case 'other':
      return {
        title: `${input.supplementTo ? 'Supplementary notification' : 'Notification'} of a personal data breach under ${input.assessment.regime.name}${stageSuffix(input)}`,
        contents,
        body: join([
          'Dear Sir or Madam,',
          supplement ?? `${org} hereby notifies you of a personal data breach pursuant to ${input.assessment.regime.name}${stageSuffix(input)}. Our reference: ${input.incident.ref}.`,
          ...contents.map((c, i) => section(`${i + 1}. ${c.text}`, `Source: ${c.source.cite}`, text(c.field))),
          // The timeline helps every regulator even where the rule does not list it.
          required.has('dates') ? null : section(`${contents.length + 1}. Dates`, describeField('dates', input)),
          'We will provide further information without undue delay as it becomes available.',
          signOff('Yours faithfully,', signature),
        ]),
      };
  }
}

/**
 * The regime's required items for this stage (items without a stage belong to every stage), plus
 * the reasons for the delay when the notice is written after its deadline (GDPR Art. 33(1) asks
 * for them, and every regulator will).
 */
function contentsFor(input: ComposeInput): ContentSpec[] {
  const items: ContentSpec[] = input.assessment.contents
    .filter((c) => c.stage === null || c.stage === input.stage.id)
    .map((c) => ({ id: c.id, text: c.text, field: c.field, source: c.source }));
  const due = input.stage.deadline?.due ?? null;
  if (due !== null && due < input.now && !items.some((c) => c.field === 'delayReasons') && input.stage.deadline) {
    items.push({ id: 'delay', text: `The reasons for the delay: this notice is later than the deadline (${input.stage.deadline.wording})`, field: 'delayReasons', source: input.stage.deadline.source });
  }
  return items;
}

function supplementLine(input: ComposeInput): string | null {
  if (!input.supplementTo) return null;
  const when = formatLetterDate(input.supplementTo.sentAt, input.jurisdiction.code, input.jurisdiction.timeZone);
  return `This is a supplementary notice to our notice "${input.supplementTo.title}" of ${when} (our reference ${input.incident.ref}). It adds to or corrects the information given then; where the two differ, this notice applies.`;
}

function deadlineLine(input: ComposeInput): string {
  const d = input.stage.deadline;
  if (!d) return `Stage: ${input.stage.title}.`;
  const due = d.due ? `due ${formatLetterDate(d.due, input.jurisdiction.code, input.jurisdiction.timeZone)}` : d.status === 'waiting' ? `clock not started (waiting for ${d.waitingFor ?? 'a fact'})` : 'no fixed period';
  return `Deadline: ${d.title}, ${due} (${d.wording}; ${d.source.cite}).`;
}

/** " (Early warning)" when the regime reports in stages, so each stage's notice says which it is. */
const stageSuffix = (input: ComposeInput): string => (input.assessment.stages.length > 1 ? ` (${input.stage.title})` : '');

const labelled = (label: string, value: string | null): string | null => (value === null ? null : `${label}: ${value}`);

/** A heading and its paragraphs, or nothing when every paragraph is empty. */
function section(heading: string, ...paragraphs: (string | null)[]): string | null {
  const text = paragraphs.filter((p): p is string => p !== null && p !== '');
  return text.length === 0 ? null : [`## ${heading}`, ...text].join('\n\n');
}

const signOff = (closing: string, lines: string[]): string => [closing, '', ...lines].join('\n');

const join = (blocks: (string | null)[]): string => `${blocks.filter((b): b is string => b !== null).join('\n\n')}\n`;
