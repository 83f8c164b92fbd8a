/**
 * Issue 11 §2: jurisdiction codes are validated, not trusted, at every door — incident create and
 * update, breach facts, notify.assessFacts, runbook input steps, runbook files — and codes stored
 * before the check are reported, never rewritten.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTRIES, US_SUBDIVISIONS, type Assessment, type MethodInput, type RunView } from '../../../contract';
import { builtinNotifyDir, loadRegime } from '../../../main/notify';
import { connect, expectFailure, type TestClient } from '../../helpers/client';
import { exportKey, withRawDb } from '../../helpers/rawDb';
import { createTestVault, type TestVault } from '../../helpers/testVault';

let v: TestVault;
let responder: TestClient;

const RUNBOOK = (whereLine = '') => `format: 1
id: codes-test
title: Codes test
version: 1.0.0
summary: An input step that writes the affected counts, and one that takes jurisdictions.
appliesTo: { categories: [data-breach], severityAtLeast: SEV4 }
sources: [{ title: Test }]
steps:
  - { id: count, kind: input, title: People affected, phase: { csf: Respond, picerl: Containment }, name: affected, type: affected-counts, writes: affected }
  - { id: where, kind: input, title: Where are we established, phase: { csf: Respond, picerl: Containment }, name: where, type: jurisdictions }
  - { id: uk-only, kind: task, title: Only with people in the UK, phase: { csf: Respond, picerl: Containment }, requires: [count]${whereLine} }
`;

beforeAll(async () => {
  v = await createTestVault();
  responder = await v.addUser('rita', 'responder');
  await v.admin.call('runbooks.import', { name: 'codes-test.yaml', text: RUNBOOK(', when: { jurisdictions: [GB] }') });
});
afterAll(() => v.dispose());

const newIncident = async (affected: { jurisdiction: string; count: number }[] = []) =>
  (await v.admin.call('incidents.create', { title: 'Customer data exposed', severity: 'SEV2', category: 'data-breach', affected })).ref;
const events = async (ref: string, type: string) => (await v.admin.call('timeline.forIncident', { ref })).filter((e) => e.type === type);
const logLength = async () => (await v.admin.call('audit.list', { limit: 1 })).total;
const regime = (a: Assessment, id: string) => a.regimes.find((r) => r.regime.id === id);

describe('incidents.create and incidents.update', () => {
  it('UK is stored as GB, the event records the mapping, and UK GDPR applies', async () => {
    const created = await v.admin.call('incidents.create', {
      title: 'Ransomware with exfiltration', severity: 'SEV1', category: 'ransomware',
      affected: [{ jurisdiction: 'DE', count: 40 }, { jurisdiction: 'UK', count: 85 }, { jurisdiction: 'us-ca', count: 12 }],
    });
    expect(created.affected).toEqual([{ jurisdiction: 'DE', count: 40 }, { jurisdiction: 'GB', count: 85 }, { jurisdiction: 'US-CA', count: 12 }]);
    const [event] = await events(created.ref, 'incident.created');
    expect(event?.data).toMatchObject({ mapped: [{ field: 'affected', from: 'UK', to: 'GB' }], fields: { affected: created.affected } });

    const a = await v.admin.call('notify.assess', { ref: created.ref });
    expect(regime(a, 'uk-gdpr-art33')?.outcome).not.toBe('out-of-scope');
    expect(regime(a, 'uk-gdpr-art33')?.applies.facts.join('; ')).toContain('affected in GB: 85');
    // Stored as a code, so there is nothing to report.
    expect(a.jurisdictionNotes).toEqual([]);
  });

  it('an update with EL is stored as GR, logged with the mapping; the same counts again change nothing', async () => {
    const ref = await newIncident([{ jurisdiction: 'GB', count: 85 }]);
    const updated = await v.admin.call('incidents.update', { ref, patch: { affected: [{ jurisdiction: 'GB', count: 85 }, { jurisdiction: 'EL', count: 3 }] } });
    expect(updated.affected).toEqual([{ jurisdiction: 'GB', count: 85 }, { jurisdiction: 'GR', count: 3 }]);
    const [event] = await events(ref, 'incident.updated');
    expect(event?.data).toMatchObject({ mapped: [{ field: 'affected', from: 'EL', to: 'GR' }], changes: [{ field: 'affected', after: updated.affected }] });
    // UK over a stored GB with the same count is no change: nothing is logged.
    const before = await logLength();
    await v.admin.call('incidents.update', { ref, patch: { affected: [{ jurisdiction: 'UK', count: 85 }, { jurisdiction: 'GR', count: 3 }] } });
    expect(await logLength()).toBe(before);
  });

  it('XX, US-XX and a name are refused with suggestions, and nothing is created or changed', async () => {
    const before = await logLength();
    const total = (await v.admin.call('incidents.list', {})).total;
    const xx = expectFailure(await v.admin.attempt('incidents.create', {
      title: 'Bad code', severity: 'SEV3', category: 'other', affected: [{ jurisdiction: 'DE', count: 1 }, { jurisdiction: 'XX', count: 5 }],
    }), 'VALIDATION');
    expect(xx.message).toMatch(/affected\.1\.jurisdiction: XX is not a country code .*did you mean AX \(Åland Islands\), CX \(Christmas Island\), MX \(Mexico\) or SX \(Sint Maarten\)\?/);
    expect(xx.issues).toEqual([expect.stringMatching(/^affected\.1\.jurisdiction: XX is not/)]);
    expect((await v.admin.call('incidents.list', {})).total).toBe(total);

    const ref = await newIncident([{ jurisdiction: 'GB', count: 85 }]);
    const afterCreate = await logLength();
    expect(afterCreate).toBeGreaterThan(before);
    const state = expectFailure(await v.admin.attempt('incidents.update', { ref, patch: { affected: [{ jurisdiction: 'US-XX', count: 5 }] } }), 'VALIDATION');
    expect(state.message).toMatch(/patch\.affected\.0\.jurisdiction: US-XX is not a US state or territory.*did you mean US-TX \(Texas\)/);
    const name = expectFailure(await v.admin.attempt('incidents.update', { ref, patch: { affected: [{ jurisdiction: 'Germany', count: 5 }] } }), 'VALIDATION');
    expect(name.message).toMatch(/"Germany" is not a country code.*did you mean DE \(Germany\)\?/);
    expect((await v.admin.call('incidents.get', { ref })).affected).toEqual([{ jurisdiction: 'GB', count: 85 }]);
    expect(await logLength()).toBe(afterCreate);
  });
});

describe('notify.facts.set', () => {
  it('establishedIn: UK and EL are stored as GB and GR with the mapping logged and shown; XX is refused', async () => {
    const ref = await newIncident([{ jurisdiction: 'DE', count: 10 }]);
    const a = await v.admin.call('notify.facts.set', { ref, patch: { establishedIn: ['UK', 'EL', 'GB'] } });
    expect((await v.admin.call('notify.facts.get', { ref })).facts.establishedIn).toEqual(['GB', 'GR']);
    expect(a.facts.establishedIn).toEqual(['GB', 'GR']);
    expect(a.jurisdictionNotes).toEqual([
      expect.objectContaining({ field: 'establishedIn', kind: 'mapped', given: 'UK', code: 'GB', stored: false, message: expect.stringMatching(/^UK → GB \(United Kingdom\)/) as unknown }),
      expect.objectContaining({ field: 'establishedIn', kind: 'mapped', given: 'EL', code: 'GR', stored: false }),
    ]);
    const [event] = await events(ref, 'notify.facts_changed');
    expect(event?.data).toMatchObject({ changes: { establishedIn: { from: [], to: ['GB', 'GR'] } }, mapped: [{ from: 'UK', to: 'GB' }, { from: 'EL', to: 'GR' }] });

    const before = await logLength();
    const bad = expectFailure(await v.admin.attempt('notify.facts.set', { ref, patch: { establishedIn: ['DE', 'XX'] } }), 'VALIDATION');
    expect(bad.message).toMatch(/patch\.establishedIn\.1: XX is not a country code.*did you mean AX/);
    expect(expectFailure(await v.admin.attempt('notify.facts.set', { ref, patch: { establishedIn: ['EU'] } }), 'VALIDATION').message).toMatch(/EU is a group of countries/);
    expect((await v.admin.call('notify.facts.get', { ref })).facts.establishedIn).toEqual(['GB', 'GR']);
    expect(await logLength()).toBe(before);
  });
});

describe('notify.assessFacts (a facts file)', () => {
  const FACTS: MethodInput<'notify.assessFacts'>['facts'] = {
    personalData: true, riskToIndividuals: 'high', encrypted: false, dataCategories: ['contact'], awareAt: '2026-03-13T10:00:00Z',
    affected: [{ jurisdiction: 'UK', count: 85 }, { jurisdiction: 'DE', count: 40 }],
  };

  it('UK is assessed as GB and the assessment says so: UK GDPR Art. 33 applies', async () => {
    const a = await connect(v.backend).call('notify.assessFacts', { facts: FACTS });
    expect(a.facts.affected).toEqual([{ jurisdiction: 'GB', count: 85 }, { jurisdiction: 'DE', count: 40 }]);
    expect(regime(a, 'uk-gdpr-art33')).toMatchObject({ outcome: 'notify' });
    expect(regime(a, 'uk-gdpr-art33')?.why).not.toMatch(/GB: 0/);
    expect(a.jurisdictionNotes).toEqual([expect.objectContaining({ field: 'affected', kind: 'mapped', given: 'UK', code: 'GB', stored: false })]);
  });

  it('XX is refused with suggestions', async () => {
    const r = expectFailure(await connect(v.backend).raw('notify.assessFacts', { facts: { ...FACTS, affected: [{ jurisdiction: 'XX', count: 85 }] } }), 'VALIDATION');
    expect(r.message).toMatch(/facts\.affected\.0\.jurisdiction: XX is not a country code.*did you mean AX/);
  });
});

describe('runbook input steps', () => {
  const start = async (affected: { jurisdiction: string; count: number }[]) => {
    const ref = await newIncident(affected);
    return { ref, run: await responder.call('runs.start', { ref, runbookId: 'codes-test' }) };
  };
  const act = (run: RunView, step: string, value: unknown) => responder.attempt('runs.act', { runId: run.id, action: { type: 'done', step, value: value as never } });

  it('UK=85 writes GB; over a corrected GB it writes GB again, not UK, and the when: [GB] step applies', async () => {
    const { ref, run } = await start([{ jurisdiction: 'GB', count: 85 }]);
    const updatesBefore = (await events(ref, 'incident.updated')).length;
    const r = await act(run, 'count', 'UK=85');
    expect(r.ok).toBe(true);
    const view = r.ok ? r.value : run;
    expect(view.steps.find((s) => s.definition.id === 'count')?.value).toEqual([{ jurisdiction: 'GB', count: 85 }]);
    expect((await v.admin.call('incidents.get', { ref })).affected).toEqual([{ jurisdiction: 'GB', count: 85 }]);
    // GB 85 was already there: the input changed nothing on the incident.
    expect((await events(ref, 'incident.updated')).length).toBe(updatesBefore);
    expect(view.steps.find((s) => s.definition.id === 'uk-only')?.state).toBe('available');
  });

  it('typed values (the UI) map too; jurisdictions inputs map and de-duplicate', async () => {
    const { ref, run } = await start([]);
    expect((await act(run, 'count', [{ jurisdiction: 'uk', count: 3 }, { jurisdiction: 'DE', count: 1 }])).ok).toBe(true);
    expect((await v.admin.call('incidents.get', { ref })).affected).toEqual([{ jurisdiction: 'GB', count: 3 }, { jurisdiction: 'DE', count: 1 }]);
    const where = await act(run, 'where', 'UK, GB, el');
    expect(where.ok && where.value.steps.find((s) => s.definition.id === 'where')?.value).toEqual(['GB', 'GR']);
  });

  it('XX, a name and UK next to GB are refused with the reason; nothing is written', async () => {
    const { ref, run } = await start([{ jurisdiction: 'GB', count: 85 }]);
    const before = await logLength();
    const xx = expectFailure(await act(run, 'count', 'XX=85'), 'VALIDATION');
    expect(xx.message).toMatch(/^step "count": XX is not a country code.*did you mean AX \(Åland Islands\)/);
    expect(expectFailure(await act(run, 'count', [{ jurisdiction: 'Texas', count: 2 }]), 'VALIDATION').message).toMatch(/did you mean US-TX \(Texas\)\?/);
    expect(expectFailure(await act(run, 'count', 'GB=80,UK=5'), 'VALIDATION').message).toMatch(/UK \(GB \(United Kingdom\)\) is given twice/);
    expect(expectFailure(await act(run, 'where', 'DE,QQ'), 'VALIDATION').message).toMatch(/^step "where": QQ is not a country code/);
    expect((await v.admin.call('incidents.get', { ref })).affected).toEqual([{ jurisdiction: 'GB', count: 85 }]);
    expect(await logLength()).toBe(before);
  });
});

describe('runbook and regime files', () => {
  it('runbooks.import and runbooks.lint refuse when: jurisdictions [UK] with the code to write, and XX with suggestions', async () => {
    const uk = expectFailure(await v.admin.attempt('runbooks.import', { name: 'codes-uk.yaml', text: RUNBOOK(', when: { jurisdictions: [UK] }').replace('id: codes-test', 'id: codes-uk') }), 'VALIDATION');
    expect(uk.message).toMatch(/codes-uk\.yaml is not a valid runbook \(1 problem\)/);
    expect(uk.issues).toEqual(['codes-uk.yaml:11:156: "when.jurisdictions[0]": UK is not an ISO 3166-1 code: write GB (United Kingdom) in step "uk-only"']);
    const lint = await v.admin.call('runbooks.lint', { files: [{ name: 'x.yaml', text: RUNBOOK(', when: { jurisdictions: [GB, XX] }') }] });
    expect(lint[0]?.problems).toEqual([expect.stringMatching(/^x\.yaml:11:\d+: "when\.jurisdictions\[1\]": XX is not a country code.*did you mean AX.* in step "uk-only"$/)]);
    expect((await v.admin.call('runbooks.list', {})).map((r) => r.id)).not.toContain('codes-uk');
  });

  it('a regime selecting UK is a problem in the file; every shipped selector is a code or a group', () => {
    const text = readFileSync(join(builtinNotifyDir(), 'regimes', 'uk-gdpr-art33.yaml'), 'utf8');
    const broken = loadRegime(text.replace('affected: [GB]', 'affected: [UK]'));
    expect(broken.ok).toBe(false);
    expect(broken.ok ? [] : broken.problems.map((p) => p.message)).toEqual([expect.stringMatching(/affected\[0\]: UK is not an ISO 3166-1 code: write GB \(United Kingdom\)$/)]);
    expect(loadRegime(text).ok).toBe(true);
  });
});

describe('at 100 times the usual size', () => {
  it('300 rows (every code but a few, and aliases) save and assess; 300 stored bad codes are reviewed in bounded time', async () => {
    const codes = [...Object.keys(COUNTRIES), ...Object.keys(US_SUBDIVISIONS)].filter((c) => c !== 'GB' && c !== 'GR').slice(0, 298);
    const rows = [...codes.map((jurisdiction, i) => ({ jurisdiction, count: i + 1 })), { jurisdiction: 'UK', count: 85 }, { jurisdiction: 'el', count: 3 }];
    expect(rows).toHaveLength(300);
    const created = await v.admin.call('incidents.create', { title: 'Global exposure', severity: 'SEV1', category: 'data-breach', affected: rows });
    expect(created.affected.slice(-2)).toEqual([{ jurisdiction: 'GB', count: 85 }, { jurisdiction: 'GR', count: 3 }]);
    expect(expectFailure(await v.admin.attempt('incidents.update', { ref: created.ref, patch: { affected: [...rows, { jurisdiction: 'DE', count: 1 }] } }), 'VALIDATION').message).toMatch(/patch\.affected: Too big: expected array to have <=300 items/);

    const key = await exportKey(v.admin);
    const bad = Array.from({ length: 300 }, (_, i) => ({ jurisdiction: `Q${String.fromCharCode(65 + (i % 26))}${i}`, count: i }));
    withRawDb(v.dataDir, key, (db) => db.prepare('UPDATE incidents SET affected = ? WHERE ref = ?').run(JSON.stringify(bad), created.ref));
    await v.admin.call('notify.facts.set', { ref: created.ref, patch: { personalData: true } });
    const started = performance.now();
    const a = await v.admin.call('notify.assess', { ref: created.ref });
    await v.admin.call('notify.board', {});
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(a.jurisdictionNotes).toHaveLength(300);
    expect(a.jurisdictionNotes.every((n) => n.kind === 'invalid' && n.stored)).toBe(true);
  });
});

describe('codes stored before codes were checked', () => {
  it('UK and XX in the database are reported by notify.assess, read (UK as GB) but never rewritten', async () => {
    const ref = await newIncident([{ jurisdiction: 'DE', count: 1 }]);
    await v.admin.call('notify.facts.set', { ref, patch: { personalData: true, awareAt: '2026-03-13T10:00:00Z', riskToIndividuals: 'high', encrypted: false } });
    const key = await exportKey(v.admin);
    const stored = JSON.stringify([{ jurisdiction: 'UK', count: 85 }, { jurisdiction: 'XX', count: 7 }]);
    withRawDb(v.dataDir, key, (db) => {
      db.prepare('UPDATE incidents SET affected = ? WHERE ref = ?').run(stored, ref);
      const facts = JSON.parse((db.prepare('SELECT facts FROM breach_facts WHERE incident_ref = ?').get(ref) as { facts: string }).facts) as Record<string, unknown>;
      db.prepare('UPDATE breach_facts SET facts = ? WHERE incident_ref = ?').run(JSON.stringify({ ...facts, establishedIn: ['XK'] }), ref);
    });

    // Read as stored everywhere.
    expect((await v.admin.call('incidents.get', { ref })).affected).toEqual([{ jurisdiction: 'UK', count: 85 }, { jurisdiction: 'XX', count: 7 }]);
    expect((await v.admin.call('notify.facts.get', { ref })).facts.establishedIn).toEqual(['XK']);

    const a = await v.admin.call('notify.assess', { ref });
    expect(a.jurisdictionNotes).toEqual([
      expect.objectContaining({ field: 'affected', kind: 'mapped', given: 'UK', code: 'GB', count: 85, stored: true }),
      expect.objectContaining({ field: 'affected', kind: 'invalid', given: 'XX', code: null, count: 7, stored: true, suggestions: ['AX', 'CX', 'MX', 'SX'] }),
      expect.objectContaining({ field: 'establishedIn', kind: 'invalid', given: 'XK', stored: true }),
    ]);
    // UK is read as GB: UK GDPR is no longer "does not apply (affected in GB: 0)".
    const uk = regime(a, 'uk-gdpr-art33');
    expect(uk?.outcome).toBe('notify');
    expect(uk?.applies.facts.join('; ')).toContain('UK read as GB');
    // Seven people under XX could live anywhere: a regime they could decide stays open.
    const br = regime(a, 'br-lgpd-anpd');
    expect(br?.outcome).toBe('undetermined');
    expect(br?.missing).toContain('affected');
    expect(a.missing.find((m) => m.fact === 'affected')?.regimes).toContain('br-lgpd-anpd');
    // The deadline board reads it the same way, and nothing was written back.
    expect((await v.admin.call('notify.board', {})).some((r) => r.ref === ref && r.regimeId === 'uk-gdpr-art33')).toBe(true);
    withRawDb(v.dataDir, key, (db) => {
      expect((db.prepare('SELECT affected FROM incidents WHERE ref = ?').get(ref) as { affected: string }).affected).toBe(stored);
      expect((db.prepare('SELECT facts FROM breach_facts WHERE incident_ref = ?').get(ref) as { facts: string }).facts).toContain('"establishedIn":["XK"]');
    });

    // Fixing it is an ordinary, logged edit.
    await v.admin.call('incidents.update', { ref, patch: { affected: [{ jurisdiction: 'GB', count: 85 }, { jurisdiction: 'MX', count: 7 }] } });
    await v.admin.call('notify.facts.set', { ref, patch: { establishedIn: ['DE'] } });
    expect((await v.admin.call('notify.assess', { ref })).jurisdictionNotes).toEqual([]);
    const [fixed] = (await events(ref, 'incident.updated')).slice(-1);
    expect(fixed?.data).toMatchObject({ changes: [{ field: 'affected', before: [{ jurisdiction: 'UK', count: 85 }, { jurisdiction: 'XX', count: 7 }] }] });
  });
});
