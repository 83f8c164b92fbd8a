import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CATEGORIES, SEVERITIES, SORTABLE_FIELDS, STATUSES, type Incident, type IncidentStatus, type MethodInput, type SortableField,
} from '../../../contract';
import { createTestVault, passphraseFor, type TestVault } from '../../helpers/testVault';

type Query = MethodInput<'incidents.list'>;

const TITLES = [
  'VPN outage at HQ', 'vpn flapping', 'Phishing wave Q3', 'phishing reply-chain', 'Ransomware on file server',
  'Stolen laptop in car', 'BEC wire fraud', 'DDoS on portal', 'Insider download spree', 'Cloud key leaked on GitHub',
  'Zero-day in VPN appliance', 'alpha test incident',
];
const TAGS = [[], ['vpn'], ['mail', 'q3'], ['ransom', 'backup'], ['laptop'], ['finance']];
const OWNERS = [null, 'admin', 'olga', 'pete'];
const COUNT = 36;

/** Deterministic pseudo-random numbers (mulberry32), so a failure reproduces. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let v: TestVault;
let all: Incident[];

beforeAll(async () => {
  v = await createTestVault({ idleTimeoutMs: 365 * 24 * 3600_000 });
  for (const u of ['olga', 'pete']) await v.admin.call('users.add', { name: u, role: 'responder', passphrase: passphraseFor(u) });
  const rnd = prng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const refs: string[] = [];
  for (let i = 0; i < COUNT; i += 1) {
    // Some steps of 0 ms, so updatedAt and detectedAt have ties that `id` must break.
    v.clock.advance(pick([0, 1000, 60_000, 3_600_000]));
    const i1 = await v.admin.call('incidents.create', {
      title: `${TITLES[i % TITLES.length]!}${i >= TITLES.length ? ` #${i}` : ''}`,
      severity: pick(SEVERITIES),
      category: pick(CATEGORIES.slice(0, 5)),
      owner: pick(OWNERS),
      tags: pick(TAGS),
      detectedAt: new Date(Date.UTC(2026, 0, 1 + Math.floor(rnd() * 5))).toISOString(),
    });
    refs.push(i1.ref);
  }
  for (const ref of refs) {
    const target = pick(STATUSES);
    if (target !== 'detected') {
      v.clock.advance(pick([0, 5000]));
      await v.admin.call('incidents.setStatus', { ref, status: target, skipPhases: true });
    }
  }
  all = await Promise.all(refs.map((ref) => v.admin.call('incidents.get', { ref })));
});
afterAll(() => v.dispose());

const list = (q: Query) => v.admin.call('incidents.list', q);
const refsOf = (rows: { ref: string }[]) => rows.map((r) => r.ref);
const idOf = (i: Incident) => Number(i.ref.slice(-4));

/** The order SQLite should produce: NOCASE titles, lifecycle order for status, NULL owners first ascending, `id` to break ties. */
function key(i: Incident, field: SortableField): string | number {
  switch (field) {
    case 'ref': return idOf(i);
    case 'title': return i.title.toLowerCase();
    case 'status': return STATUSES.indexOf(i.status);
    case 'owner': return i.owner ?? '';
    default: return i[field];
  }
}
function expectedOrder(field: SortableField, dir: 'asc' | 'desc'): string[] {
  const sorted = [...all].sort((a, b) => {
    const [ka, kb] = [key(a, field), key(b, field)];
    if (ka < kb) return -1;
    if (ka > kb) return 1;
    return idOf(a) - idOf(b);
  });
  return refsOf(dir === 'asc' ? sorted : sorted.reverse());
}

async function allPages(q: Query, limit: number): Promise<string[]> {
  const out: string[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = await list({ ...q, offset, limit });
    expect(page.total).toBe(COUNT);
    expect(page.offset).toBe(offset);
    out.push(...refsOf(page.rows));
    if (page.rows.length < limit) return out;
  }
}

describe('incidents.list', () => {
  it('the data set has variety and ties worth testing', () => {
    expect(new Set(all.map((i) => i.status)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(all.map((i) => i.owner)).size).toBe(4);
    expect(new Set(all.map((i) => i.updatedAt)).size).toBeLessThan(COUNT);
    expect(new Set(all.map((i) => i.detectedAt)).size).toBeLessThan(COUNT);
  });

  it('defaults to newest update first, 50 per page', async () => {
    const page = await list({});
    expect(page.total).toBe(COUNT);
    expect(refsOf(page.rows)).toEqual(expectedOrder('updatedAt', 'desc'));
    // Rows carry the list columns only: never summary or personal data.
    expect(Object.keys(page.rows[0]!).sort()).toEqual(['category', 'detectedAt', 'exercise', 'owner', 'ref', 'severity', 'status', 'tags', 'title', 'updatedAt']);
  });

  describe.each(SORTABLE_FIELDS)('sorted by %s', (field) => {
    it.each(['asc', 'desc'] as const)('%s, and pages of 7 add up to the whole list with no duplicates', async (dir) => {
      const expected = expectedOrder(field, dir);
      const whole = await list({ sort: { field, dir }, limit: 500 });
      expect(refsOf(whole.rows)).toEqual(expected);
      const paged = await allPages({ sort: { field, dir } }, 7);
      expect(new Set(paged).size).toBe(paged.length);
      expect(paged).toEqual(expected);
    });
  });

  const filters: [string, Query, (i: Incident) => boolean][] = [
    ['status', { status: ['contained', 'closed'] }, (i) => ['contained', 'closed'].includes(i.status)],
    ['severity', { severity: ['SEV1'] }, (i) => i.severity === 'SEV1'],
    ['category', { category: ['phishing', 'malware'] }, (i) => ['phishing', 'malware'].includes(i.category)],
    ['owner', { owner: 'olga' }, (i) => i.owner === 'olga'],
    ['text, 3+ characters, any case, inside a word', { text: 'ANSOM' }, (i) => /ansom/i.test(i.title) || i.tags.some((t) => t.includes('ansom'))],
    ['text matching a tag only', { text: 'finance' }, (i) => i.tags.includes('finance')],
    ['text matching a reference', { text: 'IR-2026-0007' }, (i) => i.ref === 'IR-2026-0007'],
    ['text with two words in any order', { text: 'laptop STOLEN' }, (i) => /stolen laptop/i.test(i.title)],
    // Every word must match, the short ones too (trigram FTS alone cannot look up a 2-letter word).
    ['text with a word of 2 characters', { text: 'VPN HQ' }, (i) => /vpn/i.test(i.title + i.tags.join()) && /hq/i.test(i.title + i.tags.join())],
    ['text of 2 characters', { text: 'q3' }, (i) => /q3/i.test(i.title) || /q3/i.test(i.ref) || /q3/i.test(i.tags.join())],
    ['text of 1 character', { text: '#' }, (i) => i.title.includes('#')],
    ['text that is FTS syntax', { text: '"vpn" NEAR ddos*' }, () => false],
    ['text with LIKE wildcards', { text: '%' }, () => false],
    ['combined', { status: [...STATUSES].filter((s: IncidentStatus) => s !== 'closed'), severity: ['SEV2', 'SEV3'], text: 'vpn' },
      (i) => i.status !== 'closed' && ['SEV2', 'SEV3'].includes(i.severity) && /vpn/i.test(i.title + i.tags.join())],
  ];

  it.each(filters)('filters by %s', async (_name, q, match) => {
    const expected = refsOf(all.filter(match).sort((a, b) => idOf(a) - idOf(b)));
    const page = await list({ ...q, sort: { field: 'ref', dir: 'asc' }, limit: 500 });
    expect(refsOf(page.rows)).toEqual(expected);
    expect(page.total).toBe(expected.length);
  });

  it('the filters above are not vacuous', () => {
    for (const [name, , match] of filters.slice(0, 10)) expect(all.filter(match).length, name).toBeGreaterThan(0);
  });

  it('text search follows a renamed title', async () => {
    const target = all.find((i) => i.title.startsWith('BEC wire fraud'))!;
    await v.admin.call('incidents.update', { ref: target.ref, patch: { title: 'Invoice redirection scam' } });
    expect(refsOf((await list({ text: 'redirection' })).rows)).toEqual([target.ref]);
    expect(refsOf((await list({ text: 'wire fraud', limit: 500 })).rows)).not.toContain(target.ref);
    await v.admin.call('incidents.update', { ref: target.ref, patch: { title: target.title } });
  });
});
