import type { BreachFactsPatch, Letterhead, MethodInput } from '../../../../contract';
import type { TestClient } from '../../../helpers/client';
import { SAMPLE_LETTERHEAD } from '../../../helpers/sampleLetterhead';

/** The organisation on the letters (with the characters the PDF's standard font must survive). */
export const LETTERHEAD: MethodInput<'settings.letterhead.set'> = SAMPLE_LETTERHEAD;

/** Every fact the notices need, known (the clock: 14 March 2026, 09:00 UTC). */
export const COMPLETE_FACTS: BreachFactsPatch = {
  personalData: true,
  awareAt: '2026-03-13T10:00:00Z',
  discoveredAt: '2026-03-13T08:30:00Z',
  determinedAt: '2026-03-13T10:00:00Z',
  encrypted: false,
  riskToIndividuals: 'high',
  nature: 'An attacker used a stolen administrator password to copy our customer database on 12 March 2026. The copy included records of customers in Germany, California and Texas.',
  likelyConsequences: 'Customers may receive convincing phishing e-mails, and card details could be used for fraudulent payments (up to €2,000 per card).',
  measuresTaken: 'We locked the stolen account, reset all administrator passwords, enabled two-factor sign-in and asked our card processor to monitor the affected cards. We offer 12 months of free identity-theft protection.',
  adviceToIndividuals: 'Watch your card statements, be careful with e-mails that ask for your password, and change your password for our shop.',
  contactPoint: 'Our data protection officer, Dr. Anna Schmidt: dpo@mueller-soehne.example, +49 89 1234568.',
  delayReasons: 'Notification was not delayed by a law enforcement investigation.',
};

/** An incident with EU, California and Texas residents affected. */
export async function breachIncident(client: TestClient, title = 'Customer database exfiltrated'): Promise<string> {
  const incident = await client.call('incidents.create', {
    title, severity: 'SEV1', category: 'data-breach', dataCategories: ['contact', 'payment-card'],
    detectedAt: '2026-03-13T08:00:00Z',
    affected: [{ jurisdiction: 'DE', count: 1200 }, { jurisdiction: 'US-CA', count: 800 }, { jurisdiction: 'US-TX', count: 300 }],
  });
  return incident.ref;
}

/** A breach with every fact known and the letterhead set. */
export async function completeBreach(admin: TestClient, letterhead: Partial<Letterhead> = {}): Promise<string> {
  await admin.call('settings.letterhead.set', { ...LETTERHEAD, ...letterhead });
  const ref = await breachIncident(admin);
  await admin.call('notify.facts.set', { ref, patch: COMPLETE_FACTS });
  return ref;
}
