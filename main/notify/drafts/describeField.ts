import {
  placeholderFor, type BreachFacts, type ContentField, type DataCategory, type Incident, type Letterhead,
} from '../../../contract';
import { jurisdictionMatches } from '../jurisdictionMatches';
import { formatLetterDate, formatLetterTime, letterLocale } from './formatLetterDate';

/** Data categories as people read them. */
const CATEGORY_WORDS: Record<DataCategory, string> = {
  contact: 'contact details (such as names, postal and email addresses, phone numbers)',
  financial: 'financial information (such as bank account details)',
  'payment-card': 'payment card details',
  health: 'health information',
  'government-id': 'government identification numbers (such as social security, passport or driver\'s licence numbers)',
  credentials: 'user names and passwords or other sign-in details',
  biometric: 'biometric data',
  children: 'information about children',
  location: 'location data',
  'special-category': 'sensitive information (such as health, religion, ethnic origin or sexual orientation)',
  other: 'other personal information',
};

export interface FieldSources {
  facts: BreachFacts;
  incident: Pick<Incident, 'ref' | 'detectedAt'>;
  letterhead: Letterhead;
  jurisdiction: { code: string; name: string; timeZone: string };
  /** The day of the notice (ISO). */
  now: string;
  /** Written for people (affected individuals, the press) rather than for a regulator. */
  plain: boolean;
}

/**
 * What the incident says for one required-content field, as text for a notice, or null while it
 * is unknown (the notice then carries a placeholder for it). Narrative facts are used as written:
 * a person wrote them for this purpose, and rewording them would change what the notice asserts.
 */
export function describeField(field: ContentField, s: FieldSources): string | null {
  const { facts, letterhead, jurisdiction } = s;
  const day = (iso: string) => formatLetterDate(iso, jurisdiction.code, jurisdiction.timeZone);
  const time = (iso: string) => formatLetterTime(iso, jurisdiction.code, jurisdiction.timeZone);
  const count = (n: number) => n.toLocaleString(letterLocale(jurisdiction.code));
  switch (field) {
    case 'organisation': {
      if (letterhead.organisation === '') return null;
      const contact = [letterhead.address.replace(/\n+/g, ', '), letterhead.email, letterhead.phone].filter((x) => x !== '');
      return [letterhead.organisation, ...contact].join(', ');
    }
    case 'dataCategories':
      return facts.dataCategories.length === 0 ? null : facts.dataCategories.map((c) => CATEGORY_WORDS[c]).join('; ');
    case 'affectedCount': {
      if (facts.affected.length === 0) return null;
      const total = facts.affected.reduce((n, a) => n + a.count, 0);
      const here = facts.affected.filter((a) => jurisdictionMatches(a.jurisdiction, jurisdiction.code)).reduce((n, a) => n + a.count, 0);
      const people = (n: number) => `${count(n)} ${n === 1 ? 'person' : 'people'}`;
      if (here === 0 || here === total) return `About ${people(total)}.`;
      return `About ${people(here)} in ${jurisdiction.name} (${people(total)} in total).`;
    }
    case 'dates': {
      if (s.plain) {
        // People need the day, not the hour and zone of each legal trigger.
        return `We found out about the breach on ${day(facts.discoveredAt ?? s.incident.detectedAt)}. Date of this notice: ${day(s.now)}.`;
      }
      const lines = [`The breach was detected on ${time(s.incident.detectedAt)}.`];
      if (facts.discoveredAt !== null) lines.push(`It was discovered on ${time(facts.discoveredAt)}.`);
      if (facts.awareAt !== null && facts.awareAt !== facts.discoveredAt) lines.push(`We became aware that it was a personal data breach on ${time(facts.awareAt)}.`);
      if (facts.determinedAt !== null && facts.determinedAt !== facts.awareAt) lines.push(`We determined that a breach had occurred on ${time(facts.determinedAt)}.`);
      lines.push(`Date of this notice: ${day(s.now)}.`);
      return lines.join(' ');
    }
    case 'contactPoint':
      return known(facts.contactPoint) ?? known(letterhead.dpo);
    case 'nature':
    case 'likelyConsequences':
    case 'measuresTaken':
    case 'adviceToIndividuals':
    case 'delayReasons':
      return known(facts[field]);
  }
}

/** Blank text says nothing: it is as unknown as null. */
const known = (text: string | null): string | null => (text === null || text.trim() === '' ? null : text.trim());

/** The field's text, or its placeholder. */
export const fieldOrPlaceholder = (field: ContentField, s: FieldSources): string => describeField(field, s) ?? placeholderFor(field);
