import type { Category, IncidentFields, IncidentStatus, Severity } from '../../contract';
import { CATEGORIES, SEVERITIES, STATUSES } from '../../contract';
import type { NewEvent } from '../../main/timeline';

/**
 * Deterministic, realistic-looking data for the benchmarks: every run (and the plain-SQLite
 * reference) sees the same rows, so figures are comparable between runs and machines.
 */
export function createRandom(seed: number): () => number {
  // mulberry32: tiny, fast, and good enough to spread test data.
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: () => number, items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;

/** 5,000 host names: a host term is rare (about 1 in 5,000 note events carries a given one). */
export const HOST_COUNT = 5000;
export const hostName = (i: number): string => `host${String(i).padStart(4, '0')}`;

/** 20 threat names: a threat term is medium-frequent (about 1 in 20 of the notes). */
const THREATS = [
  'emotet', 'qakbot', 'lockbit', 'blackcat', 'cobaltstrike', 'mimikatz', 'icedid', 'trickbot', 'conti', 'akira',
  'redline', 'raccoon', 'asyncrat', 'njrat', 'bumblebee', 'pikabot', 'darkgate', 'lumma', 'vidar', 'formbook',
] as const;
const ACTIONS = ['isolated', 'reimaged', 'quarantined', 'blocked', 'collected memory from', 'reset credentials on', 'patched', 'monitored'] as const;
const TEAMS = ['soc', 'it-ops', 'forensics', 'network', 'helpdesk', 'legal'] as const;
const ACTORS = ['alice', 'bob', 'chen', 'dana', 'system'] as const;
const FIELDS = ['severity', 'owner', 'title', 'summary', 'tags'] as const;

/**
 * Words the FTS benchmark searches for, each a whole token of the indexed text (listEvents
 * matches whole words unless the word ends in `*`). Per 1M events: the host in ~100 notes and
 * evidence names, the threat in ~22k notes (1 in 20 of 45 %), `login` in every `auth.login`
 * type (25 %, ~250k). The last two are past the 10,000 count cap.
 */
export const SEARCH_TERMS = {
  rare: hostName(421),
  medium: 'lockbit',
  common: 'login',
} as const;

/**
 * An event as the domains write them: notes (45 %), field changes (20 %), sign-ins (25 %),
 * evidence views (10 %). About 200 bytes of JSON each.
 */
export function sampleEvent(rnd: () => number, i: number, ts: string): NewEvent {
  const incidentRef = `IR-2026-${String(1 + Math.floor(rnd() * 5000)).padStart(4, '0')}`;
  const actor = pick(rnd, ACTORS);
  const r = rnd();
  if (r < 0.45) {
    const host = hostName(Math.floor(rnd() * HOST_COUNT));
    return {
      actor, type: 'incident.note', incidentRef, ts,
      data: { text: `${pick(rnd, ACTIONS)} ${host} after ${pick(rnd, THREATS)} alert #${i}; handed to ${pick(rnd, TEAMS)} for follow-up` },
    };
  }
  if (r < 0.65) {
    const field = pick(rnd, FIELDS);
    return {
      actor, type: 'incident.updated', incidentRef, ts,
      data: { changes: [{ field, before: field === 'severity' ? 'SEV3' : `old ${field} ${i}`, after: field === 'severity' ? 'SEV2' : `new ${field} ${i}` }] },
    };
  }
  if (r < 0.9) {
    return { actor, type: 'auth.login', incidentRef: null, ts, data: { user: actor, transport: pick(rnd, ['http', 'ipc', 'cli']), mfa: rnd() < 0.8 } };
  }
  return {
    actor, type: 'evidence.viewed', incidentRef, ts,
    data: { id: `0000${i}`.slice(-8), name: `${hostName(Math.floor(rnd() * HOST_COUNT))}-memory.raw`, sha256: (i * 2654435761 >>> 0).toString(16).padStart(64, 'a') },
  };
}

const SYSTEMS = ['file server', 'mail gateway', 'payroll app', 'VPN concentrator', 'domain controller', 'CRM', 'laptop fleet', 'S3 bucket', 'build server', 'web shop'] as const;
const WHAT: Record<Category, readonly string[]> = {
  ransomware: ['Ransomware encryption on', 'Ransom note found on'],
  malware: ['Malware beacon from', 'Trojan detected on'],
  phishing: ['Phishing campaign against users of', 'Credential phishing page mimicking'],
  'account-takeover': ['Account takeover via', 'Suspicious sign-ins to'],
  'business-email-compromise': ['Invoice fraud through', 'Mailbox rule abuse on'],
  'data-breach': ['Data exfiltration from', 'Customer records exposed from'],
  'lost-device': ['Stolen laptop with access to', 'Lost phone enrolled in'],
  ddos: ['DDoS against', 'Traffic flood on'],
  insider: ['Insider download from', 'Unauthorised access to'],
  'cloud-credential-leak': ['Leaked access key for', 'Public secret in repo for'],
  outage: ['Outage of', 'Degraded service on'],
  other: ['Anomaly on', 'Unexplained change on'],
};

export interface SampleIncident {
  fields: Pick<IncidentFields, 'title' | 'severity' | 'category' | 'tags' | 'owner'>;
  status: IncidentStatus;
}

/** Statuses skewed to closed, as in a long-lived console; severities skewed to the milder ones. */
export function sampleIncident(rnd: () => number, i: number, owners: readonly string[]): SampleIncident {
  const category = pick(rnd, CATEGORIES);
  const title = `${pick(rnd, WHAT[category])} ${pick(rnd, SYSTEMS)} ${hostName(i % HOST_COUNT)}`;
  const v = rnd();
  const sev: Severity = SEVERITIES[v < 0.05 ? 0 : v < 0.25 ? 1 : v < 0.7 ? 2 : 3];
  const s = rnd();
  const status: IncidentStatus = s < 0.55 ? 'closed' : STATUSES[Math.floor(rnd() * 5)]!;
  return {
    fields: {
      title, severity: sev, category,
      tags: [category, pick(rnd, TEAMS)],
      owner: rnd() < 0.8 ? pick(rnd, owners) : null,
    },
    status,
  };
}
