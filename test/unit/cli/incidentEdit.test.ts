import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident, TimelineEvent } from '../../../contract';
import { runCliInProcess } from '../../helpers/cli/runCliInProcess';
import { ADMIN_PASS, createTestVault } from '../../helpers/testVault';
import { runCli } from './runCli';

/**
 * `firebreak incident add` with the times the metrics need and `--exercise`, and `incident edit`
 * (issue 12 §1), run as a user runs them. One vault for the file, worked in this process
 * (runCliInProcess: the CLI's main() without a Node start per command). The usage errors are
 * spawned processes (the tests' CLI bundle), side by side: checked before any vault is opened, they
 * cost no sign-in, and their exit code is the process's own.
 */
const SLOW = 120_000;
const env = { FIREBREAK_PASSPHRASE: ADMIN_PASS };
let tmp: string;
let dataDir: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'fb-incident-edit-cli-'));
  dataDir = join(tmp, 'vault');
  (await createTestVault({ dataDir })).backend.close();
}, SLOW);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const cli = (...args: string[]) => runCliInProcess(['--data-dir', dataDir, ...args], env);

async function show(ref: string): Promise<{ incident: Incident; timeline: TimelineEvent[] }> {
  const r = await cli('incident', 'show', ref, '--json');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as { incident: Incident; timeline: TimelineEvent[] };
}

describe('firebreak incident add', () => {
  it('takes --started-at, --detected-at and --exercise; show and list say so', { timeout: SLOW }, async () => {
    const add = await cli('incident', 'add', '--title', 'Tabletop: ransomware on FS01', '--severity', 'SEV1', '--category', 'ransomware',
      '--started-at', '2026-03-10T07:00Z', '--detected-at', '2026-03-12T09:15:00+01:00', '--exercise');
    expect(add.code).toBe(0);
    const ref = add.stdout.trim();
    expect(ref).toMatch(/^IR-\d{4}-\d{4}$/);
    expect(add.stderr).toBe(`firebreak: ${ref} is an exercise: marked EXERCISE everywhere, left out of KPIs\n`);
    // Seconds left out are written as :00, as the API stores them; the offset is kept.
    expect((await show(ref)).incident).toMatchObject({ startedAt: '2026-03-10T07:00:00Z', detectedAt: '2026-03-12T09:15:00+01:00', exercise: true, highestSeverity: 'SEV1' });

    const text = (await cli('incident', 'show', ref)).stdout;
    expect(text.split('\n')[0]).toBe('*** EXERCISE — NOT A REAL INCIDENT ***');
    expect(text).toMatch(/^Exercise: +yes \(a tabletop or drill: not a real incident\)$/m);
    expect(text).toMatch(/^Started: +2026-03-10T07:00:00Z$/m);
    expect(text).toMatch(/^Highest severity: +SEV1$/m);

    const real = (await cli('incident', 'add', '--title', 'Phishing wave', '--severity', 'SEV3', '--category', 'phishing')).stdout.trim();
    expect((await cli('incident', 'show', real)).stdout).toMatch(/^Started: +unknown$/m);
    const list = (await cli('incident', 'list')).stdout;
    expect(list).toMatch(new RegExp(`^${ref} .*  \\[EXERCISE\\] Tabletop: ransomware on FS01$`, 'm'));
    expect(list).toMatch(new RegExp(`^${real} .*  Phishing wave$`, 'm'));

    // Evidence cannot carry a marking without breaking its custody hash: exported as recorded, with a note.
    const file = join(tmp, 'ransom-note.txt');
    writeFileSync(file, 'YOUR FILES ARE ENCRYPTED (tabletop prop)\n');
    const id = (JSON.parse((await cli('evidence', 'add', ref, file, '--json')).stdout) as { id: string }).id;
    const out = join(tmp, 'exported.txt');
    const exported = await cli('evidence', 'export', ref, id, '--out', out);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toBe(`firebreak: EXERCISE — NOT A REAL INCIDENT: ${ref} is an exercise; this evidence belongs to a tabletop or drill (the file is as recorded, unmarked)\n`);
    expect(readFileSync(out, 'utf8')).toBe('YOUR FILES ARE ENCRYPTED (tabletop prop)\n');
  });

  it('a start after the detection exits 2 naming the pair, and opens nothing', { timeout: SLOW }, async () => {
    const before = (await cli('incident', 'list', '--json')).stdout;
    const r = await cli('incident', 'add', '--title', 'Born out of order', '--severity', 'SEV4', '--category', 'other',
      '--started-at', '2026-03-12T10:00:00Z', '--detected-at', '2026-03-12T09:00:00Z');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('firebreak: phase times out of order: detected 2026-03-12 09:00 UTC is before started 2026-03-12 10:00 UTC; correct the time, or pass --override-time-order REASON\n');
    expect((await cli('incident', 'list', '--json')).stdout).toBe(before);
  });
});

describe('firebreak incident edit', () => {
  it('usage errors name the fix and need no vault: a bad time, --exercise maybe, nothing to change', async () => {
    const missing = join(tmp, 'no-vault-here');
    const usage = (...args: string[]) => runCli(['--data-dir', missing, 'incident', 'edit', 'IR-2026-0001', ...args], env);
    const [badTime, noOffset, badDay, maybe, nothing, onlyReason, badAdd] = await Promise.all([
      usage('--started-at', 'yesterday'),
      usage('--contained-at', '2026-03-14T09:30'),
      usage('--detected-at', '2026-02-30T09:30:00Z'),
      usage('--exercise', 'maybe'),
      usage(),
      usage('--reason', 'Typo'),
      runCli(['--data-dir', missing, 'incident', 'add', '--title', 'x x x', '--severity', 'SEV1', '--category', 'other', '--detected-at', '14/03/2026'], env),
    ]);
    const fix = 'give an ISO 8601 time with its UTC offset, e.g. 2026-03-14T09:30:00Z or 2026-03-14T10:30:00+01:00\n';
    expect(badTime).toEqual({ code: 2, stdout: '', stderr: `firebreak: --started-at "yesterday" is not a time: ${fix}` });
    expect(noOffset).toEqual({ code: 2, stdout: '', stderr: `firebreak: --contained-at "2026-03-14T09:30" is not a time: ${fix}` });
    expect(badDay).toEqual({ code: 2, stdout: '', stderr: `firebreak: --detected-at "2026-02-30T09:30:00Z" is not a time: ${fix}` });
    expect(maybe).toEqual({ code: 2, stdout: '', stderr: 'firebreak: --exercise takes yes or no, not "maybe"\n' });
    for (const r of [nothing, onlyReason]) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^firebreak: incident edit needs something to change: --title, .*--started-at, .*--exercise \(see firebreak incident edit --help\)\n$/);
    }
    expect(badAdd).toEqual({ code: 2, stdout: '', stderr: `firebreak: --detected-at "14/03/2026" is not a time: ${fix}` });
  });

  it('changes fields and times with before/after and the reason in the log; --started-at unknown clears the start', { timeout: SLOW }, async () => {
    const ref = (await cli('incident', 'add', '--title', 'VPN account takeover', '--severity', 'SEV3', '--category', 'account-takeover',
      '--detected-at', '2026-03-12T09:00:00Z')).stdout.trim();
    const edit = await cli('incident', 'edit', ref, '--started-at', '2026-03-11T22:40:00Z', '--severity', 'SEV1', '--exercise', 'no',
      '--reporter-email', 'soc@example.org', '--reason', 'First login from the foreign IP in the VPN log');
    expect(edit.stderr).toBe('');
    expect(edit.code).toBe(0);
    // exercise was already no: only what differs is changed, and said.
    expect(edit.stdout).toBe(`${ref} updated:\n  severity: SEV3 -> SEV1\n  startedAt: - -> 2026-03-11T22:40:00Z\n  reporterEmail: - -> soc@example.org\n`);
    let { incident, timeline } = await show(ref);
    expect(incident).toMatchObject({ severity: 'SEV1', highestSeverity: 'SEV1', startedAt: '2026-03-11T22:40:00Z', reporterEmail: 'soc@example.org', exercise: false });
    expect(timeline.at(-1)).toMatchObject({
      type: 'incident.updated', actor: 'admin',
      data: {
        changes: [
          { field: 'severity', before: 'SEV3', after: 'SEV1' },
          { field: 'startedAt', before: null, after: '2026-03-11T22:40:00Z' },
          { field: 'reporterEmail', before: null, after: 'soc@example.org' },
        ],
        reason: 'First login from the foreign IP in the VPN log',
      },
    });
    expect((await cli('incident', 'show', ref)).stdout).toContain(
      'incident.updated  severity SEV3 -> SEV1, startedAt - -> 2026-03-11T22:40:00Z, reporterEmail - -> soc@example.org; reason: First login from the foreign IP in the VPN log',
    );

    // Calmed down: the highest severity stays; the start becomes unknown again; --json prints the incident.
    const json = await cli('incident', 'edit', ref, '--severity', 'SEV4', '--started-at', 'unknown', '--exercise', 'yes', '--reporter-email', '', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ref, severity: 'SEV4', highestSeverity: 'SEV1', startedAt: null, exercise: true, reporterEmail: null });
    ({ incident, timeline } = await show(ref));
    expect(timeline.at(-1)!.data).toEqual({
      changes: [
        { field: 'severity', before: 'SEV1', after: 'SEV4' },
        { field: 'startedAt', before: '2026-03-11T22:40:00Z', after: null },
        { field: 'reporterEmail', before: 'soc@example.org', after: null },
        { field: 'exercise', before: false, after: true },
      ],
    });
    expect((await cli('incident', 'show', ref)).stdout).toMatch(/^Highest severity: +SEV1 \(reached earlier; now SEV4\)$/m);

    const same = await cli('incident', 'edit', ref, '--severity', 'SEV4', '--reason', 'No change really');
    expect(same).toEqual({ code: 0, stdout: `${ref} unchanged: it already has these values.\n`, stderr: '' });
    // Nothing changed, so nothing was recorded (the reason neither).
    expect((await show(ref)).timeline).toEqual(timeline);
  });

  it('times out of order exit 2 naming the pair and change nothing; --override-time-order keeps them with the reason', { timeout: SLOW }, async () => {
    const ref = (await cli('incident', 'add', '--title', 'Clock skew on the sensor', '--severity', 'SEV2', '--category', 'malware',
      '--detected-at', '2026-03-12T09:00:00Z')).stdout.trim();
    const before = await show(ref);
    const refused = await cli('incident', 'edit', ref, '--started-at', '2026-03-12T10:00:00Z', '--title', 'Clock skew on sensor 7');
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe('firebreak: phase times out of order: detected 2026-03-12 09:00 UTC is before started 2026-03-12 10:00 UTC; correct the time, or pass --override-time-order REASON\n');
    expect(await show(ref)).toEqual(before);

    const kept = await cli('incident', 'edit', ref, '--started-at', '2026-03-12T10:00:00Z', '--override-time-order', 'The sensor clock ran an hour fast',
      '--reason', 'Start from the sensor');
    expect(kept.code).toBe(0);
    const last = (await show(ref)).timeline.at(-1)!;
    expect(last.data).toMatchObject({
      reason: 'Start from the sensor',
      timeOrderOverride: { reason: 'The sensor clock ran an hour fast', conflicts: [{ later: 'detected', earlier: 'started', earlierAt: '2026-03-12T10:00:00Z' }] },
    });

    const unknown = await cli('incident', 'edit', 'IR-1999-0042', '--title', 'Nobody home');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^firebreak: .*IR-1999-0042/);
  });
});
