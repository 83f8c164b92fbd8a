import { fileURLToPath } from 'node:url';
import {
  breachFactsSchema, type Audience, type BreachFacts, type BreachFactsPatch, type DataCategory, type ExportFormat,
} from '../../contract';
import { createIncident } from '../../main/incidents';
import { assessRegimes, createDraft, evaluateCondition, exportDraft, loadRegimeLibrary, setBreachFacts, type RegimeLibrary } from '../../main/notify';
import { setLetterhead } from '../../main/settings';
import type { Db } from '../../main/store';
import type { BenchContext } from './BenchContext';
import type { BenchRow } from './BenchResult';
import { openBenchDatabase } from './benchDatabases';
import { SAMPLE_LETTERHEAD } from '../helpers/sampleLetterhead';
import { createRandom } from './sampleData';
import { fmtCount, percentile } from './stats';

const NOTIFY = fileURLToPath(new URL('../../main/notify', import.meta.url));
const PLACES = ['DE', 'FR', 'IE', 'GB', 'US-CA', 'US-TX', 'US-NY', 'US-FL', 'US-WA', 'US-CO', 'SG', 'AU', 'CA', 'BR', 'IN', 'US'];
const CATEGORIES = ['contact', 'financial', 'health', 'credentials', 'government-id'] as const;


/** Breaches of every shape: places and counts, known and unknown facts, times across 2026–2027 (DST and holidays included). */
function makeFacts(n: number): BreachFacts[] {
  const r = createRandom(20261122);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const maybe = <T>(v: T): T | null => (r() < 0.25 ? null : v);
  const out: BreachFacts[] = [];
  for (let i = 0; i < n; i++) {
    const t = Date.UTC(2026, 0, 1) + Math.floor(r() * 700 * 86_400_000);
    const at = (h: number) => new Date(t + h * 3_600_000).toISOString();
    const places = [...new Set(Array.from({ length: 1 + Math.floor(r() * 4) }, () => pick(PLACES)))];
    out.push(breachFactsSchema.parse({
      personalData: maybe(r() < 0.9),
      dataCategories: [...new Set(Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(CATEGORIES)))],
      affected: places.map((jurisdiction) => ({ jurisdiction, count: Math.floor(r() ** 3 * 5000) })),
      establishedIn: [pick(['DE', 'US-NY', 'GB', 'SG', 'AU'])],
      discoveredAt: maybe(at(0)), awareAt: maybe(at(2)), determinedAt: maybe(at(5)), classifiedMajorAt: maybe(at(6)), materialityDeterminedAt: maybe(at(30)),
      encrypted: maybe(r() < 0.3), keyCompromised: maybe(r() < 0.2), riskToIndividuals: maybe(pick(['unlikely', 'risk', 'high'] as const)), significantHarm: maybe(r() < 0.5),
      hipaaCoveredEntity: maybe(r() < 0.2), secRegistrant: maybe(r() < 0.3), materialIncident: maybe(r() < 0.3), nis2Entity: maybe(pick(['essential', 'important', 'none'] as const)),
      significantIncident: maybe(r() < 0.4), doraFinancialEntity: maybe(r() < 0.2), majorIctIncident: maybe(r() < 0.3), nydfsCoveredEntity: maybe(r() < 0.1), appEntity: maybe(r() < 0.5),
    }));
  }
  return out;
}

/** Issue #5's figures: the engine (8a), then the notices rendered to every export format (8b–8f). */
export async function benchNotify(ctx: BenchContext): Promise<BenchRow[]> {
  return [benchAssess(ctx), ...(await benchDrafts(ctx))];
}

/**
 * 8a: 10,000 breaches' facts assessed against every shipped regime
 * (scope, thresholds, exemptions, every stage's deadline in its zone with business days and
 * holidays), one at a time as the API does; reference: the same regimes' conditions alone, no
 * deadline arithmetic, to show what the clocks cost.
 */
function benchAssess(ctx: BenchContext): BenchRow {
  const n = ctx.sizes.assessments;
  const library = loadRegimeLibrary(NOTIFY, null);
  const all = makeFacts(n);
  const now = '2026-11-22T12:00:00.000Z';
  const samples: number[] = [];
  let stages = 0;
  const t0 = performance.now();
  for (const facts of all) {
    const s = performance.now();
    const a = assessRegimes(library, facts, now);
    samples.push(performance.now() - s);
    for (const r of a.regimes) stages += r.stages.length;
  }
  const fullMs = performance.now() - t0;
  const t1 = performance.now();
  for (const facts of all) for (const r of library.regimes) for (const rule of [r.applies, ...r.thresholds, ...r.exemptions]) evaluateCondition(rule.when, facts);
  const conditionsMs = performance.now() - t1;
  ctx.progress(`notify: ${n} assessments × ${library.regimes.length} regimes in ${fullMs.toFixed(0)} ms (${stages} deadlines); conditions alone ${conditionsMs.toFixed(0)} ms`);
  return {
    id: '8a',
    name: `assess ${fmtCount(n)} breaches × ${library.regimes.length} regimes (assessRegimes; reference: conditions only, no clocks)`,
    unit: 'assessments/s',
    encrypted: n / (fullMs / 1000),
    plain: n / (conditionsMs / 1000),
    note: `p50 ${percentile(samples, 50).toFixed(2)} ms, p99 ${percentile(samples, 99).toFixed(2)} ms per assessment; ${fmtCount(stages)} deadlines computed`,
  };
}

const DRAFT_CATEGORIES: readonly DataCategory[] = ['contact', 'financial', 'payment-card', 'health', 'government-id', 'credentials', 'children', 'location'];
const DRAFTS_PER_INCIDENT = 10;


/**
 * An incident's facts as responders write them: a few sentences per field, each one known four
 * times in five (the rest stay `[[MISSING: …]]` placeholders in the notices, as in a real first draft).
 */
function draftFacts(r: () => number, i: number): BreachFactsPatch {
  const known = <T>(v: T): T | null => (r() < 0.8 ? v : null);
  const t = Date.UTC(2026, 0, 5) + Math.floor(r() * 60) * 86_400_000;
  const at = (h: number) => new Date(t + h * 3_600_000).toISOString();
  return {
    personalData: true,
    discoveredAt: at(0), awareAt: at(2), determinedAt: at(5),
    encrypted: r() < 0.2, riskToIndividuals: r() < 0.5 ? 'high' : 'risk', significantHarm: r() < 0.5,
    nature: known(`Case ${i}: an attacker used a stolen administrator password to copy part of our customer database between ${at(-30).slice(0, 10)} and ${at(-2).slice(0, 10)}. The copy included names, postal and e-mail addresses and order histories; for some customers also card details (last four digits and expiry date).`),
    likelyConsequences: known('Customers may receive convincing phishing e-mails that refer to their orders, and card details could be used for fraudulent payments (up to €2,000 per card). We have no evidence of misuse so far.'),
    measuresTaken: known('We locked the stolen account, reset all administrator passwords, enabled two-factor sign-in for every administrator, and asked our card processor to monitor the affected cards. We offer 12 months of free identity-theft protection to everyone affected.'),
    adviceToIndividuals: known('Watch your card statements, be careful with e-mails that ask for your password or payment details, and change your password for our shop and anywhere you use the same one.'),
    contactPoint: known('Our data protection officer, Dr. Anna Schmidt: dpo@mueller-soehne.example, +49 89 1234568 (Monday to Friday, 9:00–17:00).'),
    delayReasons: known('Notification was not delayed by a law enforcement investigation; the forensic analysis needed two days to establish who was affected.'),
  };
}

interface BenchDraft {
  id: string;
  jurisdiction: { code: string; timeZone: string };
}

/**
 * Drafts as the API writes them (createIncident, setBreachFacts, createDraft on SQLCipher, the
 * letterhead set): every shipped regime in turn, mostly for its own audience, some as board
 * briefings and media statements, incidents affecting several places with counts and some facts unknown.
 */
function seedDrafts(db: Db, library: RegimeLibrary, n: number): BenchDraft[] {
  const r = createRandom(20260314);
  let clock = Date.UTC(2026, 2, 14, 9);
  const now = () => new Date((clock += 1000)).toISOString();
  setLetterhead(db, SAMPLE_LETTERHEAD, 'bench', now());
  const places = [...new Set(library.regimes.flatMap((g) => (/^[A-Z]{2}(-[A-Z]{2})?$/.test(g.jurisdiction.code) ? [g.jurisdiction.code] : [])))];
  const drafts: BenchDraft[] = [];
  for (let i = 0; drafts.length < n; i++) {
    const affected = [...new Set([places[i % places.length] as string, ...Array.from({ length: 1 + Math.floor(r() * 3) }, () => places[Math.floor(r() * places.length)] as string)])]
      .map((jurisdiction) => ({ jurisdiction, count: 100 + Math.floor(r() ** 2 * 20_000) }));
    const dataCategories = [...new Set(Array.from({ length: 1 + Math.floor(r() * 3) }, () => DRAFT_CATEGORIES[Math.floor(r() * DRAFT_CATEGORIES.length)] as DataCategory))];
    const { ref } = createIncident(db, 'bench', { title: `Customer database exfiltrated (${i})`, severity: 'SEV1', category: 'data-breach', dataCategories, affected }, now());
    setBreachFacts(db, ref, draftFacts(r, i), 'bench', now());
    for (let j = 0; j < DRAFTS_PER_INCIDENT && drafts.length < n; j++) {
      const k = drafts.length;
      const regime = library.regimes[k % library.regimes.length]!;
      const audience: Audience = k % 7 === 3 ? 'board' : k % 11 === 5 ? 'media' : regime.audience;
      const draft = createDraft(db, library, { ref, regimeId: regime.id, audience, twoApprovers: k % 2 === 0 }, 'bench', now());
      drafts.push({ id: draft.id, jurisdiction: regime.jurisdiction });
    }
  }
  return drafts;
}

/** What each file must start with (and hold): a broken render fails the bench rather than report a fast wrong answer. */
const CHECKS: Record<ExportFormat, (data: Buffer) => boolean> = {
  md: (d) => d.subarray(0, 2).toString() === '**' && d.includes('Our reference: IR-'),
  html: (d) => d.subarray(0, 15).toString() === '<!DOCTYPE html>' && d.includes('</html>'),
  eml: (d) => d.subarray(0, 6).toString() === 'Date: ' && d.includes('MIME-Version: 1.0\r\n') && d.includes('\r\n\r\n'),
  pdf: (d) => d.subarray(0, 5).toString() === '%PDF-' && d.subarray(-32).includes('%%EOF'),
  // A ZIP's local file header; the central directory's end record closes it.
  docx: (d) => d.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1')) && d.subarray(-22, -18).equals(Buffer.from('PK\x05\x06', 'latin1')),
};
/** Untimed renders first, so the first format timed (Markdown, the reference) does not also pay for warming the JIT up. */
const WARMUP = 50;

interface Rendered {
  format: ExportFormat;
  ms: number;
  samples: number[];
  bytes: number;
}

/** Every draft exported once to the format with exportDraft (as `notify.drafts.export` runs it: read, letter, render, hash), one after the other. */
async function renderAll(db: Db, drafts: BenchDraft[], format: ExportFormat, now: string): Promise<Rendered> {
  for (const d of drafts.slice(0, WARMUP)) await exportDraft(db, { id: d.id, format }, d.jurisdiction, now);
  const samples: number[] = [];
  let bytes = 0;
  const t0 = performance.now();
  for (const d of drafts) {
    const s = performance.now();
    const out = await exportDraft(db, { id: d.id, format }, d.jurisdiction, now);
    samples.push(performance.now() - s);
    const data = Buffer.from(out.dataBase64, 'base64');
    if (data.length === 0 || !CHECKS[format](data)) throw new Error(`${format} export of draft ${d.id} is not a well-formed ${format} file (${data.length} bytes: ${JSON.stringify(data.subarray(0, 16).toString('latin1'))}…)`);
    bytes += data.length;
  }
  return { format, ms: performance.now() - t0, samples, bytes };
}

const ROWS: { id: string; format: ExportFormat; label: string }[] = [
  { id: '8b', format: 'md', label: 'Markdown' },
  { id: '8c', format: 'html', label: 'HTML' },
  { id: '8d', format: 'eml', label: '.eml' },
  { id: '8e', format: 'pdf', label: 'PDF' },
  { id: '8f', format: 'docx', label: 'DOCX' },
];

/**
 * 8b–8f: 1,000 notification drafts, written once through the drafts code on a SQLCipher store,
 * each exported to Markdown, HTML, .eml, PDF and DOCX with exportDraft (the export call's whole
 * path: read the draft and the letterhead, lay out the letter, render, hash). Reference: the same
 * drafts to Markdown, the cheapest format, so the ratio says what the layout engine costs (8b has none).
 */
async function benchDrafts(ctx: BenchContext): Promise<BenchRow[]> {
  const n = ctx.sizes.drafts;
  const library = loadRegimeLibrary(NOTIFY, null);
  const db = openBenchDatabase(ctx.dir, 'encrypted', 'drafts');
  try {
    const s0 = performance.now();
    const drafts = seedDrafts(db, library, n);
    ctx.progress(`notify: ${n} drafts written (createDraft on SQLCipher) in ${(performance.now() - s0).toFixed(0)} ms`);
    const now = '2026-03-20T12:00:00.000Z';
    const results: Rendered[] = [];
    for (const row of ROWS) {
      const rendered = await renderAll(db, drafts, row.format, now);
      ctx.progress(`notify: ${n} drafts → ${row.format} in ${rendered.ms.toFixed(0)} ms, ${(rendered.bytes / 1e6).toFixed(1)} MB`);
      results.push(rendered);
    }
    const md = results[0]!;
    const rate = (x: Rendered) => n / (x.ms / 1000);
    return ROWS.map((row, i) => {
      const x = results[i]!;
      return {
        id: row.id,
        name: `render ${fmtCount(n)} drafts to ${row.label} (exportDraft; reference: ${row.format === 'md' ? 'none' : 'the same drafts to Markdown, 8b'})`,
        unit: 'drafts/s',
        encrypted: rate(x),
        plain: row.format === 'md' ? null : rate(md),
        note: `p50 ${percentile(x.samples, 50).toFixed(2)} ms, p99 ${percentile(x.samples, 99).toFixed(2)} ms per draft; ${(x.bytes / n / 1024).toFixed(1)} KiB per file on average`,
      };
    });
  } finally {
    db.close();
  }
}
