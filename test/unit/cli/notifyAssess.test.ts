import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assessment } from '../../../contract';
import { runCliInProcess } from '../../helpers/cli/runCliInProcess';
import { withRawDb } from '../../helpers/rawDb';
import { runCli } from './runCli';

const SLOW = 90_000;
const PASSPHRASE = 'Correct-Horse-42-battery';
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'fb-notify-cli-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const FACTS = {
  personalData: true, dataCategories: ['contact'], riskToIndividuals: 'high', encrypted: false,
  affected: [{ jurisdiction: 'FR', count: 40 }, { jurisdiction: 'US-TX', count: 260 }],
  awareAt: '2026-03-13T10:00:00Z', determinedAt: '2026-03-13T10:00:00Z',
};

// Each test has its own data directory: they run side by side (the commands in this process, one at
// a time: runCliInProcess, the CLI's main() without a Node start each; the first is spawned).
describe.concurrent('firebreak notify assess', () => {
  it('--facts FILE: a tabletop without a vault; text names what to notify, by when, and what is missing', { timeout: SLOW }, async () => {
    const file = join(tmp, 'facts.json');
    writeFileSync(file, JSON.stringify(FACTS));
    const dataDir = join(tmp, 'never-created');
    // Spawned: a whole process's output, and its exit code.
    const run = await runCli(['--data-dir', dataDir, 'notify', 'assess', '--facts', file]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Decision support, not legal advice/);
    expect(run.stdout).toMatch(/^NOTIFY \(\d+\)$/m);
    expect(run.stdout).toMatch(/GDPR Art\. 33 — authority/);
    expect(run.stdout).toMatch(/Notification to the supervisory authority: due 16 Mar 2026, 11:00 CET/);
    expect(run.stdout).toMatch(/^MISSING FACTS$/m);
    expect(existsSync(dataDir)).toBe(false);

    const json = await runCliInProcess(['--data-dir', dataDir, 'notify', 'assess', '--facts', file, '--json']);
    const a = JSON.parse(json.stdout) as Assessment & { notice: string };
    expect(a.notice).toMatch(/not legal advice/);
    // Tex. Bus. & Com. Code 521.053(i): the Attorney General when at least 250 Texans are affected.
    expect(a.regimes.find((r) => r.regime.id === 'us-tx-ag')?.outcome).toBe('notify');
  });

  it('refuses neither or both of REF and --facts, and a file that is not facts (exit 2)', { timeout: SLOW }, async () => {
    const dataDir = join(tmp, 'none');
    const neither = await runCliInProcess(['--data-dir', dataDir, 'notify', 'assess']);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toMatch(/give an incident reference or --facts FILE\.json/);
    const both = await runCliInProcess(['--data-dir', dataDir, 'notify', 'assess', 'IR-2026-0001', '--facts', join(tmp, 'x.json')]);
    expect(both.code).toBe(2);
    writeFileSync(join(tmp, 'bad.json'), '{ "personalData": "maybe" ');
    const notJson = await runCliInProcess(['--data-dir', dataDir, 'notify', 'assess', '--facts', join(tmp, 'bad.json')]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/not JSON/);
    writeFileSync(join(tmp, 'wrong.json'), JSON.stringify({ personalData: 'maybe' }));
    const wrong = await runCliInProcess(['--data-dir', dataDir, 'notify', 'assess', '--facts', join(tmp, 'wrong.json')]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/personalData/);
  });

  it('--facts with UK: assessed as GB, and the text and the JSON say so', { timeout: SLOW }, async () => {
    const file = join(tmp, 'facts-uk.json');
    writeFileSync(file, JSON.stringify({ ...FACTS, affected: [{ jurisdiction: 'UK', count: 85 }, { jurisdiction: 'US-TX', count: 260 }] }));
    const dataDir = join(tmp, 'never-created-uk');
    const run = await runCliInProcess(['--data-dir', dataDir, 'notify', 'assess', '--facts', file]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("JURISDICTION CODES (1)\n  UK → GB (United Kingdom): ISO 3166-1 only reserves UK; the United Kingdom's code is GB.\n");
    // UK GDPR applies (it said "does not apply (affected in GB: 0)" when UK was taken as given).
    expect(run.stdout).toMatch(/^NOTIFY \(\d+\)\n[\s\S]*UK GDPR Art\. 33 — authority/m);
    expect(run.stdout).not.toMatch(/GB: 0/);

    const json = JSON.parse((await runCliInProcess(['--data-dir', dataDir, 'notify', 'assess', '--facts', file, '--json'])).stdout) as Assessment;
    expect(json.jurisdictionNotes).toEqual([expect.objectContaining({ field: 'affected', kind: 'mapped', given: 'UK', code: 'GB', stored: false })]);
    expect(json.facts.affected[0]).toEqual({ jurisdiction: 'GB', count: 85 });
    expect(json.regimes.find((r) => r.regime.id === 'uk-gdpr-art33')?.outcome).toBe('notify');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('--facts with XX: refused with the nearest codes (exit 2), nothing assessed', { timeout: SLOW }, async () => {
    const file = join(tmp, 'facts-xx.json');
    writeFileSync(file, JSON.stringify({ ...FACTS, affected: [{ jurisdiction: 'XX', count: 85 }], establishedIn: ['DE'] }));
    const run = await runCliInProcess(['--data-dir', join(tmp, 'never-created-xx'), 'notify', 'assess', '--facts', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/facts\.affected\.0\.jurisdiction: XX is not a country code .*did you mean AX \(Åland Islands\), CX \(Christmas Island\), MX \(Mexico\) or SX \(Sint Maarten\)\?/);
  });

  it('REF: the incident\'s own facts, signed in', { timeout: SLOW }, async () => {
    const dataDir = join(tmp, 'vault');
    const env = { FIREBREAK_PASSPHRASE: PASSPHRASE };
    expect((await runCliInProcess(['--data-dir', dataDir, 'init', '--admin', 'alice'], env)).code).toBe(0);
    const add = await runCliInProcess(['--data-dir', dataDir, 'incident', 'add', '--title', 'Laptop stolen', '--severity', 'SEV2', '--category', 'lost-device', '--json'], env);
    const ref = (JSON.parse(add.stdout) as { ref: string }).ref;
    const run = await runCliInProcess(['--data-dir', dataDir, 'notify', 'assess', ref, '--json'], env);
    expect(run.code).toBe(0);
    const a = JSON.parse(run.stdout) as Assessment;
    // Nothing known yet: nothing is "notify", and the missing facts are listed.
    expect(a.regimes.some((r) => r.outcome === 'notify')).toBe(false);
    expect(a.missing.map((m) => m.fact)).toContain('personalData');
    const unknown = await runCliInProcess(['--data-dir', dataDir, 'notify', 'assess', 'IR-2026-9999'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no incident IR-2026-9999/);

    // Codes written before codes were checked (put there with SQLCipher tooling): named, never rewritten.
    const keyHex = (await runCliInProcess(['--data-dir', dataDir, 'vault', 'export-key'], env)).stdout.trim();
    const stored = JSON.stringify([{ jurisdiction: 'UK', count: 85 }, { jurisdiction: 'XX', count: 7 }]);
    withRawDb(dataDir, keyHex, (db) => db.prepare('UPDATE incidents SET affected = ? WHERE ref = ?').run(stored, ref));
    const text = await runCliInProcess(['--data-dir', dataDir, 'notify', 'assess', ref], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain([
      'JURISDICTION CODES (2)',
      "  85 people recorded under UK: UK is not a jurisdiction code, so it is read as GB (United Kingdom) (ISO 3166-1 only reserves UK; the United Kingdom's code is GB). Correct it in the incident's affected people.",
      '  7 people recorded under XX: XX is not a country code (ISO 3166-1) or a US state (like DE or US-CA). No regime can match it, so the regimes it could decide stay undetermined. Nearest codes: AX (Åland Islands), CX (Christmas Island), MX (Mexico), SX (Sint Maarten). Correct it in the incident\'s affected people.',
      '',
    ].join('\n'));
    const json = JSON.parse((await runCliInProcess(['--data-dir', dataDir, 'notify', 'assess', ref, '--json'], env)).stdout) as Assessment;
    expect(json.jurisdictionNotes.map((n) => [n.given, n.kind, n.stored])).toEqual([['UK', 'mapped', true], ['XX', 'invalid', true]]);
    withRawDb(dataDir, keyHex, (db) => expect((db.prepare('SELECT affected FROM incidents WHERE ref = ?').get(ref) as { affected: string }).affected).toBe(stored));
  });
});
