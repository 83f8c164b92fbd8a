/**
 * The regime library: every shipped regime and holiday calendar loads, cites https sources and a
 * review date; a broken file is refused whole with file:line:col problems; a holiday calendar in
 * the data directory replaces the shipped one of the same name.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiFailure, breachFactsSchema } from '../../../contract';
import { assessRegime, assessRegimes, builtinNotifyDir, loadHolidayCalendar, loadRegime, loadRegimeLibrary } from '../../../main/notify';
import { buildRegimeSnapshot } from '../../../main/notify/buildRegimeSnapshot';
import { makeTempDataDir, removeTempDataDir } from '../../helpers/tempDataDir';

const NOTIFY = builtinNotifyDir();
const REGIME_FILES = readdirSync(join(NOTIFY, 'regimes')).filter((f) => f.endsWith('.yaml')).sort();
const CALENDAR_FILES = readdirSync(join(NOTIFY, 'holidays')).filter((f) => f.endsWith('.yaml')).sort();
const library = loadRegimeLibrary(NOTIFY, null);

const temps: string[] = [];
const tempDir = (label: string) => {
  const dir = makeTempDataDir(label);
  temps.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of temps.splice(0)) removeTempDataDir(d);
});

/** A copy of the shipped regimes/ and holidays/ folders to break on purpose. */
function copyOfShipped(): string {
  const dir = tempDir('notify-lib');
  cpSync(join(NOTIFY, 'regimes'), join(dir, 'regimes'), { recursive: true });
  cpSync(join(NOTIFY, 'holidays'), join(dir, 'holidays'), { recursive: true });
  return dir;
}

/** Replaces `from` (which must occur exactly once) in a file; returns the 1-based line and column of `at` in the new text. */
function edit(file: string, from: string, to: string, at: string): { line: number; col: number } {
  const text = readFileSync(file, 'utf8');
  expect(text.split(from)).toHaveLength(2);
  const changed = text.replace(from, to);
  writeFileSync(file, changed);
  const offset = changed.indexOf(at);
  const before = changed.slice(0, offset).split('\n');
  return { line: before.length, col: (before.at(-1)?.length ?? 0) + 1 };
}

function refusal(fn: () => unknown): ApiFailure {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ApiFailure);
    return err as ApiFailure;
  }
  throw new Error('expected the library to be refused');
}

describe('shipped regimes', () => {
  it('the library holds every regime file and every calendar', () => {
    expect(REGIME_FILES.length).toBeGreaterThanOrEqual(32);
    expect(library.regimes.map((r) => `${r.id}.yaml`).sort()).toEqual(REGIME_FILES);
    expect([...library.holidays.keys()].map((id) => `${id}.yaml`).sort()).toEqual(CALENDAR_FILES);
  });

  it.each(REGIME_FILES)('%s loads with no problems', (file) => {
    const r = loadRegime(readFileSync(join(NOTIFY, 'regimes', file), 'utf8'));
    expect(r.ok ? [] : r.problems).toEqual([]);
  });

  it.each(CALENDAR_FILES)('holiday calendar %s loads with no problems and lists only dates of its years', (file) => {
    const r = loadHolidayCalendar(readFileSync(join(NOTIFY, 'holidays', file), 'utf8'));
    expect(r.ok ? [] : r.problems).toEqual([]);
    if (!r.ok) return;
    for (const d of r.value.dates) expect(r.value.years).toContain(Number(d.date.slice(0, 4)));
  });

  it.each(library.regimes.map((r) => [r.id, r] as const))('%s cites https sources and a real review date', (_id, r) => {
    expect(r.sources.length).toBeGreaterThan(0);
    for (const s of r.sources) {
      expect(new URL(s.url).protocol, s.url).toBe('https:');
      expect(s.cite.length).toBeGreaterThan(2);
    }
    expect(r.reviewed.on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Date(`${r.reviewed.on}T00:00:00Z`).toISOString().slice(0, 10)).toBe(r.reviewed.on);
    // Every rule and stage names a source that is listed (checkRegimeRefs refuses the file otherwise).
    const ids = new Set(r.sources.map((s) => s.id));
    for (const rule of [r.applies, ...r.thresholds, ...r.exemptions]) expect(ids, rule.id).toContain(rule.source);
    for (const s of r.stages) expect(ids, s.id).toContain(s.deadline.source);
  });

  it('every regime counting business days names a shipped calendar', () => {
    const counting = library.regimes.filter((r) => r.stages.some((s) => s.deadline.unit === 'businessDays' || s.deadline.noLaterThan?.unit === 'businessDays'));
    expect(counting.map((r) => r.id).sort()).toEqual(['br-lgpd-anpd', 'br-lgpd-titulares', 'us-sec-8k-105']);
    for (const r of counting) expect(library.holidays.has(r.jurisdiction.holidays ?? '')).toBe(true);
  });
});

describe('a broken file is refused whole', () => {
  it('reports every problem as file:line:col and assesses nothing', () => {
    const dir = copyOfShipped();
    const gdpr = join(dir, 'regimes', 'eu-gdpr-art33.yaml');
    const art34 = join(dir, 'regimes', 'eu-gdpr-art34.yaml');
    // A schema problem: a negative period.
    const amount = edit(gdpr, '      amount: 72\n', '      amount: -72\n', '-72');
    // A reference problem (checkRegimeRefs): a source that is not listed.
    const source = edit(art34, '    source: art34-1\nexemptions:', '    source: art34-9\nexemptions:', 'art34-9');

    const err = refusal(() => loadRegimeLibrary(dir, null));
    expect(err.code).toBe('INTERNAL');
    expect(err.message).toContain('nothing was assessed');
    const issues = err.extra.issues ?? [];
    expect(issues).toContainEqual(expect.stringMatching(new RegExp(`^${escape(gdpr)}:${amount.line}:${amount.col}: stages\\[0\\]\\.deadline\\.amount: `)));
    expect(issues).toContainEqual(`${art34}:${source.line}:${source.col}: source "art34-9" is not in sources (known: art3, art34-1, art34-2, art34-3a, art34-3b, art34-3c, art34-4)`);
    // Only the two broken files are reported; the other 30 were fine but are not served either.
    expect(new Set(issues.map((i) => i.split(':')[0]))).toEqual(new Set([gdpr, art34]));
  });

  it('a YAML syntax error is placed too', () => {
    const dir = copyOfShipped();
    const file = join(dir, 'regimes', 'us-tx-ag.yaml');
    const pos = edit(file, 'format: 1\n', 'format: 1\nname: [unclosed\n', '[unclosed');
    const issues = refusal(() => loadRegimeLibrary(dir, null)).extra.issues ?? [];
    expect(issues.length).toBeGreaterThan(0);
    for (const i of issues) expect(i).toMatch(new RegExp(`^${escape(file)}:\\d+:\\d+: `));
    expect(issues.some((i) => Number(i.split(':')[1]) >= pos.line)).toBe(true);
  });

  it('two files with the same regime id are refused', () => {
    const dir = copyOfShipped();
    cpSync(join(dir, 'regimes', 'us-tx-ag.yaml'), join(dir, 'regimes', 'us-tx-ag-copy.yaml'));
    expect(refusal(() => loadRegimeLibrary(dir, null)).extra.issues).toContain('us-tx-ag:1:1: regime id "us-tx-ag" is used by two files');
  });

  it('a regime naming a holiday calendar that does not exist is refused', () => {
    const dir = copyOfShipped();
    edit(join(dir, 'regimes', 'us-sec-8k-105.yaml'), '  holidays: us-federal\n', '  holidays: us-federal-x\n', 'us-federal-x');
    expect(refusal(() => loadRegimeLibrary(dir, null)).extra.issues).toContain('us-sec-8k-105:1:1: holiday calendar "us-federal-x" not found');
  });

  it('a broken calendar in the data directory is refused too', () => {
    const data = tempDir('notify-data');
    mkdirSync(join(data, 'holidays'));
    const file = join(data, 'holidays', 'us-federal.yaml');
    writeFileSync(file, readFileSync(join(NOTIFY, 'holidays', 'us-federal.yaml'), 'utf8').replace('years: [2025, 2026, 2027]', 'years: []'));
    const issues = refusal(() => loadRegimeLibrary(NOTIFY, data)).extra.issues ?? [];
    expect(issues).toContainEqual(expect.stringMatching(new RegExp(`^${escape(file)}:\\d+:\\d+: years: `)));
  });
});

describe('a holiday calendar in the data directory replaces the shipped one', () => {
  const sec = (materialityDeterminedAt: string) => breachFactsSchema.parse({ secRegistrant: true, materialIncident: true, materialityDeterminedAt });
  const shippedCalendar = () => readFileSync(join(NOTIFY, 'holidays', 'us-federal.yaml'), 'utf8');

  it('an organisation closed the day after Thanksgiving counts it as a holiday', () => {
    const data = tempDir('notify-data');
    mkdirSync(join(data, 'holidays'));
    writeFileSync(join(data, 'holidays', 'us-federal.yaml'), shippedCalendar().replace(
      "  - { date: '2026-11-26', name: 'Thanksgiving Day' }\n",
      "  - { date: '2026-11-26', name: 'Thanksgiving Day' }\n  - { date: '2026-11-27', name: 'Day after Thanksgiving (office closed)' }\n",
    ));
    const lib = loadRegimeLibrary(NOTIFY, data);
    expect(lib.holidays.get('us-federal')?.dates.map((d) => d.date)).toContain('2026-11-27');
    expect(lib.regimes).toHaveLength(library.regimes.length);
    const r = lib.regimes.find((x) => x.id === 'us-sec-8k-105');
    if (!r) throw new Error('SEC regime missing');
    // Wednesday 2026-11-25 15:00 EST: Thu 26 and Fri 27 closed, Mon 30 (1), Tue 1 Dec (2), Wed 2 (3), Thu 3 (4) → 20:00Z
    // (the shipped calendar gives Wed 2 Dec).
    const a = assessRegime(r, sec('2026-11-25T15:00:00-05:00'), { holidays: lib.holidays });
    expect(a.stages[0]?.due).toBe('2026-12-03T20:00:00.000Z');
    const shipped = assessRegime(r, sec('2026-11-25T15:00:00-05:00'), { holidays: library.holidays });
    expect(shipped.stages[0]?.due).toBe('2026-12-02T20:00:00.000Z');
  });

  it('the replaced shipped file is not read at all: a broken one is no obstacle', () => {
    const dir = copyOfShipped();
    writeFileSync(join(dir, 'holidays', 'us-federal.yaml'), 'format: 1\nid: [not valid\n');
    expect(() => loadRegimeLibrary(dir, null)).toThrow(ApiFailure);
    const data = tempDir('notify-data');
    mkdirSync(join(data, 'holidays'));
    writeFileSync(join(data, 'holidays', 'us-federal.yaml'), shippedCalendar());
    expect(loadRegimeLibrary(dir, data).holidays.get('us-federal')?.years).toEqual([2025, 2026, 2027]);
  });

  it('a year added to the calendar lets a deadline run into it', () => {
    const data = tempDir('notify-data');
    mkdirSync(join(data, 'holidays'));
    writeFileSync(join(data, 'holidays', 'us-federal.yaml'), shippedCalendar().replace('years: [2025, 2026, 2027]', 'years: [2025, 2026, 2027, 2028]'));
    const lib = loadRegimeLibrary(NOTIFY, data);
    const facts = sec('2027-12-29T10:00:00-05:00');
    // Wednesday 2027-12-29: Thu 30 (1), Fri 31 (New Year's Day 2028 observed) skipped, Mon 3 Jan 2028 (2), Tue 4 (3),
    // Wed 5 (4) → 10:00 EST = 15:00Z. With the shipped calendar (to 2027) that stage is refused instead, and named.
    const a = assessRegimes(lib, facts, '2027-12-29T15:00:00Z').regimes.find((x) => x.regime.id === 'us-sec-8k-105');
    expect(a?.stages[0]?.due).toBe('2028-01-05T15:00:00.000Z');
    const shipped = assessRegimes(library, facts, '2027-12-29T15:00:00Z').regimes.find((x) => x.regime.id === 'us-sec-8k-105');
    expect(shipped?.stages[0]).toMatchObject({ due: null, status: 'unavailable' });
    expect(shipped?.stages[0]?.problem).toMatch(/does not cover 2028/);
  });
});

describe('assessRegimes over the shipped library', () => {
  it('lists the regimes to act on first, earliest deadline first, and gathers what is missing', () => {
    // A German controller, 1,200 people in Germany and 600 in California, aware and discovered 2026-05-04 12:00Z.
    const facts = breachFactsSchema.parse({
      personalData: true, dataCategories: ['contact'], establishedIn: ['DE'],
      affected: [{ jurisdiction: 'DE', count: 1200 }, { jurisdiction: 'US-CA', count: 600 }],
      awareAt: '2026-05-04T12:00:00Z', discoveredAt: '2026-05-04T12:00:00Z', encrypted: false, riskToIndividuals: 'high',
    });
    const a = assessRegimes(library, facts, '2026-05-04T13:00:00Z');
    expect(a.regimes).toHaveLength(library.regimes.length);
    const rank = { notify: 0, undetermined: 0, exempt: 1, 'not-required': 2, 'out-of-scope': 3 } as const;
    const ranks = a.regimes.map((r) => rank[r.outcome]);
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
    // GDPR Art. 33 (72 h) comes before California (30 days) and the California AG (45 days).
    const order = a.regimes.map((r) => r.regime.id);
    expect(order.indexOf('eu-gdpr-art33')).toBeLessThan(order.indexOf('us-ca-1798-82'));
    expect(order.indexOf('us-ca-1798-82')).toBeLessThan(order.indexOf('us-ca-ag'));
    expect(a.regimes.find((r) => r.regime.id === 'eu-gdpr-art33')?.outcome).toBe('notify');
    expect(a.regimes.find((r) => r.regime.id === 'us-ca-ag')?.outcome).toBe('notify');
    expect(a.regimes.find((r) => r.regime.id === 'us-tx-ag')?.outcome).toBe('out-of-scope');
    // Nothing about NIS2 is known yet: its missing facts name it.
    expect(a.missing.find((m) => m.fact === 'nis2Entity')?.regimes).toEqual(['eu-nis2-art23']);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the build\'s snapshot of the shipped rules (dist/notify-library.json)', () => {
  /** <root>/main/notify/{regimes,holidays}, so the snapshot goes to <root>/dist as in a checkout. */
  function checkoutCopy(): { notify: string; snapshot: string } {
    const root = tempDir('notify-snapshot');
    const notify = join(root, 'main', 'notify');
    mkdirSync(notify, { recursive: true });
    mkdirSync(join(root, 'dist'));
    cpSync(join(NOTIFY, 'regimes'), join(notify, 'regimes'), { recursive: true });
    cpSync(join(NOTIFY, 'holidays'), join(notify, 'holidays'), { recursive: true });
    return { notify, snapshot: join(root, 'dist', 'notify-library.json') };
  }

  it('gives exactly the library that parsing the files gives', () => {
    const { notify, snapshot } = checkoutCopy();
    const parsed = loadRegimeLibrary(notify, null);
    const built = buildRegimeSnapshot(notify);
    expect(built).toEqual({ file: snapshot, files: REGIME_FILES.length + CALENDAR_FILES.length });
    // A second copy with the same files and the snapshot: no file is parsed, the library is equal.
    const again = checkoutCopy();
    cpSync(snapshot, again.snapshot);
    expect(loadRegimeLibrary(again.notify, null)).toEqual(parsed);
  });

  it('is used for a file whose text it was made from, and never for an edited one', () => {
    const { notify, snapshot } = checkoutCopy();
    buildRegimeSnapshot(notify);
    // Mark one entry, keeping its hash: a library that shows the mark was read from the snapshot.
    const data = JSON.parse(readFileSync(snapshot, 'utf8')) as { files: Record<string, { regime?: { name: string } }> };
    const entry = data.files['regimes/eu-gdpr-art33.yaml']?.regime;
    if (!entry) throw new Error('no snapshot entry for eu-gdpr-art33');
    entry.name = 'FROM THE SNAPSHOT';
    writeFileSync(snapshot, JSON.stringify(data));
    expect(loadRegimeLibrary(notify, null).regimes.find((r) => r.id === 'eu-gdpr-art33')?.name).toBe('FROM THE SNAPSHOT');

    const file = join(notify, 'regimes', 'eu-gdpr-art33.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}# reviewed again\n`);
    expect(loadRegimeLibrary(notify, null).regimes.find((r) => r.id === 'eu-gdpr-art33')?.name).toBe('GDPR Art. 33');
  });

  it('an unreadable or foreign snapshot is ignored: the files are parsed', () => {
    for (const content of ['not json {', JSON.stringify({ format: 'something-else', files: {} }), '']) {
      const { notify, snapshot } = checkoutCopy();
      writeFileSync(snapshot, content);
      expect(loadRegimeLibrary(notify, null)).toEqual(library);
    }
  });
});
