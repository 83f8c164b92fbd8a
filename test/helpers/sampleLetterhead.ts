import type { Letterhead } from '../../contract';

/** An organisation for letters in tests and benchmarks, with the characters the PDF's standard font must map (ü, ö, ß). */
export const SAMPLE_LETTERHEAD: Letterhead = {
  organisation: 'Müller & Söhne GmbH',
  address: 'Hauptstraße 5\n80331 München\nGermany',
  email: 'privacy@mueller-soehne.example',
  phone: '+49 89 1234567',
  website: 'https://mueller-soehne.example',
  dpo: 'Dr. Anna Schmidt, Data Protection Officer, dpo@mueller-soehne.example, +49 89 1234568',
  signatory: 'Jana Weber, General Counsel',
};
