import { DECISION_SUPPORT_NOTICE, EXERCISE_EXPLANATION, EXERCISE_MARKING, EXERCISE_SUBJECT_PREFIX, type Draft, type Letterhead } from '../../../contract';
import { formatLetterDate, letterLocale } from './formatLetterDate';
import { parseBody, type Block } from './parseBody';

/** One letter, laid out the same way by every export format. */
export interface Letter {
  letterhead: Letterhead;
  /** The letter's date, as written ("14 March 2026") and as an instant (for the e-mail's Date:). */
  date: string;
  dateIso: string;
  lang: string;
  /** The address block (a recipient's name, an authority, or a line to fill in for mail merge). */
  recipient: string[];
  subject: string;
  reference: string;
  blocks: Block[];
  /** Decision support, not legal advice: for file metadata only, never the letter's text. */
  notice: string;
  /** Identifies the message (`draftid.vN`), for the e-mail's Message-ID. */
  messageKey: string;
  /**
   * Set for an exercise's notice: the marking and its explanation, which every format puts where
   * nobody can miss it (top of the text, every page header); the subject then starts with
   * "[EXERCISE]". Null for a real incident, whose files are unchanged.
   */
  exercise: { marking: string; explanation: string } | null;
}

export interface LetterOptions {
  letterhead: Letterhead;
  jurisdiction: { code: string; timeZone: string };
  /** The address block, when the caller knows it better than the draft does. */
  recipient?: string | undefined;
  now: string;
}

/**
 * The draft as a letter: dated the day it was sent (or today while not sent), addressed to who it
 * was sent to, else to the regime's recipient (authorities) or a mail-merge line (people).
 */
export function toLetter(draft: Draft, opts: LetterOptions): Letter {
  const dateIso = draft.sent?.at ?? opts.now;
  const recipient = opts.recipient ?? draft.sent?.recipient
    ?? (draft.audience === 'individuals' ? '[Name and address of the recipient]' : draft.audience === 'board' ? `The Board of ${opts.letterhead.organisation || 'Directors'}` : draft.recipient);
  return {
    letterhead: opts.letterhead,
    date: formatLetterDate(dateIso, opts.jurisdiction.code, opts.jurisdiction.timeZone),
    dateIso,
    lang: letterLocale(opts.jurisdiction.code),
    recipient: recipient.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== ''),
    subject: draft.exercise ? `${EXERCISE_SUBJECT_PREFIX} ${draft.title}` : draft.title,
    reference: `Our reference: ${draft.ref}`,
    blocks: parseBody(draft.body),
    notice: DECISION_SUPPORT_NOTICE,
    messageKey: `${draft.id}.v${draft.version}`,
    exercise: draft.exercise ? { marking: EXERCISE_MARKING, explanation: EXERCISE_EXPLANATION } : null,
  };
}

/** The letterhead as lines under the organisation's name (address, then contacts). */
export function letterheadLines(l: Letterhead): string[] {
  return [...l.address.split('\n'), [l.email, l.phone].filter((x) => x !== '').join(' · '), l.website].map((x) => x.trim()).filter((x) => x !== '');
}
