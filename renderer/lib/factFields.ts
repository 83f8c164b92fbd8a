import type { BreachFactName } from '../../contract';

export type FactKind = 'time' | 'yesNo' | 'choice' | 'text' | 'list';

export interface FactField {
  name: Exclude<BreachFactName, 'dataCategories' | 'affected'>;
  label: string;
  kind: FactKind;
  hint?: string;
  choices?: { value: string; label: string }[];
}

/** The breach facts the form edits, grouped as an assessor thinks of them; labels in the words of the rules. */
export const FACT_GROUPS: { title: string; fields: FactField[] }[] = [
  {
    title: 'When',
    fields: [
      { name: 'awareAt', label: 'Became aware of the breach', kind: 'time', hint: 'Reasonable certainty that personal data was breached (GDPR Art. 33 "aware"; NIS2, DPDP, NDB).' },
      { name: 'discoveredAt', label: 'Discovered', kind: 'time', hint: 'First known, or would have been with reasonable diligence (HIPAA, US states).' },
      { name: 'determinedAt', label: 'Determined it is a (notifiable) breach', kind: 'time', hint: 'NYDFS, PDPA, PIPEDA, several US states.' },
      { name: 'classifiedMajorAt', label: 'Classified as major / significant', kind: 'time', hint: 'DORA major ICT-related incident; NIS2 significant incident.' },
      { name: 'materialityDeterminedAt', label: 'Determined to be material', kind: 'time', hint: 'SEC Form 8-K Item 1.05.' },
    ],
  },
  {
    title: 'The data and the risk',
    fields: [
      { name: 'personalData', label: 'Personal data affected', kind: 'yesNo' },
      { name: 'encrypted', label: 'Data was encrypted (unintelligible)', kind: 'yesNo' },
      { name: 'keyCompromised', label: 'Key compromised too', kind: 'yesNo' },
      {
        name: 'riskToIndividuals', label: 'Risk to the people concerned', kind: 'choice',
        choices: [{ value: 'unlikely', label: 'Unlikely to result in a risk' }, { value: 'risk', label: 'A risk' }, { value: 'high', label: 'A high risk' }],
      },
      { name: 'significantHarm', label: 'Real risk of significant (serious) harm', kind: 'yesNo', hint: 'PIPEDA, PDPA, NDB, LGPD.' },
    ],
  },
  {
    title: 'The organisation',
    fields: [
      { name: 'establishedIn', label: 'Established in', kind: 'list', hint: 'Country codes, comma-separated (DE, FR, US-NY).' },
      { name: 'hipaaCoveredEntity', label: 'HIPAA covered entity (unsecured PHI)', kind: 'yesNo' },
      { name: 'secRegistrant', label: 'SEC registrant', kind: 'yesNo' },
      { name: 'materialIncident', label: 'Material incident (SEC)', kind: 'yesNo' },
      {
        name: 'nis2Entity', label: 'NIS2 entity', kind: 'choice',
        choices: [{ value: 'essential', label: 'Essential' }, { value: 'important', label: 'Important' }, { value: 'none', label: 'Neither' }],
      },
      { name: 'significantIncident', label: 'Significant incident (NIS2)', kind: 'yesNo' },
      { name: 'doraFinancialEntity', label: 'Financial entity (DORA)', kind: 'yesNo' },
      { name: 'majorIctIncident', label: 'Major ICT-related incident (DORA)', kind: 'yesNo' },
      { name: 'nydfsCoveredEntity', label: 'NYDFS covered entity', kind: 'yesNo' },
      { name: 'appEntity', label: 'APP entity (Australia)', kind: 'yesNo' },
      { name: 'smallProcessingAgent', label: 'Small processing agent (Brazil)', kind: 'yesNo' },
    ],
  },
  {
    title: 'For the notices',
    fields: [
      { name: 'nature', label: 'What happened', kind: 'text' },
      { name: 'likelyConsequences', label: 'Likely consequences', kind: 'text' },
      { name: 'measuresTaken', label: 'Measures taken or proposed', kind: 'text' },
      { name: 'adviceToIndividuals', label: 'What people can do', kind: 'text' },
      { name: 'contactPoint', label: 'Contact point (DPO or other)', kind: 'text' },
      { name: 'delayReasons', label: 'Reasons for any delay', kind: 'text' },
    ],
  },
];

export const FACT_LABEL: Record<string, string> = Object.fromEntries([
  ...FACT_GROUPS.flatMap((g) => g.fields.map((f): [string, string] => [f.name, f.label])),
  ['dataCategories', 'Data categories (on the incident)'],
  ['affected', 'People affected by jurisdiction (on the incident)'],
] satisfies [string, string][]);
