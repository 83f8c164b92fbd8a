import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Evidence, Incident, IncidentRow, TimelineEvent, VerifyResult } from '../../../contract';
import { openDatabase } from '../../../main/store';
import { runCli } from './runCli';

/** Real backend, real SQLCipher files, a spawned CLI per command (the tests' bundle, test/helpers/cli/testCli.ts). */
const SLOW = 90_000;
const PASSPHRASE = 'Correct-Horse-42-battery';
const BOB_PASSPHRASE = 'Another-Good-pass-99';

let tmp: string;
let dataDir: string;
let env: Record<string, string>;
let ref = '';
let evidenceId = '';

const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args], env);

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'fb-cli-'));
  dataDir = join(tmp, 'data');
  env = { FIREBREAK_PASSPHRASE: PASSPHRASE };
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

// The steps build on each other (one vault, one incident), so they run in order.
describe.sequential('firebreak CLI against a real vault', () => {
  it('init creates the vault and prints the recovery key once', { timeout: SLOW }, async () => {
    const run = await cli('init', '--admin', 'alice', '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { admin: string; recoveryKey: string; dataDir: string };
    expect(out.admin).toBe('alice');
    expect(out.dataDir).toBe(dataDir);
    expect(out.recoveryKey.length).toBeGreaterThanOrEqual(20);

    const again = await cli('init', '--admin', 'alice');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^firebreak: .*already exists.*\n$/);
  });

  it('init --recovery-file writes the key with mode 0600 and does not print it', { timeout: SLOW }, async () => {
    const otherDir = join(tmp, 'other');
    const keyFile = join(tmp, 'recovery.txt');
    const run = await runCli(['init', '--admin', 'carol', '--recovery-file', keyFile, '--data-dir', otherDir], env);
    expect(run.code).toBe(0);
    const key = readFileSync(keyFile, 'utf8').trim();
    expect(key.length).toBeGreaterThanOrEqual(20);
    expect(run.stdout).not.toContain(key);
    expect(run.stdout).toContain(keyFile);
    expect(run.stdout).toMatch(/offline/);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  });

  it('user add creates a user who can sign in', { timeout: SLOW }, async () => {
    const passFile = join(tmp, 'bob.pass');
    writeFileSync(passFile, `${BOB_PASSPHRASE}\n`, { mode: 0o600 });
    const run = await cli('user', 'add', 'bob', '--role', 'responder', '--new-passphrase-file', passFile, '--keep-passphrase', '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ name: 'bob', role: 'responder' });

    const asBob = await runCli(['--data-dir', dataDir, 'incident', 'list', '--user', 'bob', '--passphrase-file', passFile]);
    expect(asBob.code).toBe(0);
    expect(asBob.stdout).toBe('No incidents.\n');
  });

  it('incident add prints the reference, or the whole record with --json', { timeout: SLOW }, async () => {
    const plain = await cli('incident', 'add', '--title', 'Ransom note on FS01', '--severity', 'SEV1', '--category', 'ransomware');
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^IR-\d{4}-\d{4,}\n$/);
    ref = plain.stdout.trim();

    const json = await cli('incident', 'add', '--title', 'Phished mailbox', '--severity', 'SEV2', '--category', 'phishing', '--owner', 'bob', '--json');
    expect(json.code).toBe(0);
    const incident = JSON.parse(json.stdout) as Incident;
    expect(incident).toMatchObject({ title: 'Phished mailbox', severity: 'SEV2', category: 'phishing', owner: 'bob', status: 'detected' });
    expect(incident.ref).not.toBe(ref);
  });

  it('incident note and status change the incident; show includes the timeline', { timeout: SLOW }, async () => {
    const note = await cli('incident', 'note', ref, '--text', 'Isolated FS01 from the network');
    expect(note.code).toBe(0);
    expect(note.stdout).toContain(ref);

    const status = await cli('incident', 'status', ref, 'triaged');
    expect(status.code).toBe(0);
    expect(status.stdout).toBe(`${ref} is now triaged.\n`);

    const show = await cli('incident', 'show', ref, '--json');
    expect(show.code).toBe(0);
    const { incident, timeline } = JSON.parse(show.stdout) as { incident: Incident; timeline: TimelineEvent[] };
    expect(incident.status).toBe('triaged');
    expect(timeline.some((e) => e.data.text === 'Isolated FS01 from the network')).toBe(true);

    const human = await cli('incident', 'show', ref);
    expect(human.stdout).toContain('Isolated FS01 from the network');
    expect(human.stdout).toContain('Timeline:');
  });

  it('incident list shows all incidents, filtered by --status', { timeout: SLOW }, async () => {
    const all = await cli('incident', 'list', '--json');
    expect(all.code).toBe(0);
    expect((JSON.parse(all.stdout) as IncidentRow[]).map((r) => r.ref)).toContain(ref);
    expect(JSON.parse(all.stdout)).toHaveLength(2);

    const detected = await cli('incident', 'list', '--status', 'detected', '--json');
    const rows = JSON.parse(detected.stdout) as IncidentRow[];
    expect(rows).toHaveLength(1);
    expect(rows[0]?.status).toBe('detected');

    const table = await cli('incident', 'list');
    expect(table.stdout.split('\n')[0]).toMatch(/^REF\s+SEVERITY\s+STATUS/);
  });

  it('evidence add and export round-trip the exact bytes', { timeout: SLOW }, async () => {
    const original = randomBytes(200_000);
    const file = join(tmp, 'capture.bin');
    writeFileSync(file, original);
    const add = await cli('evidence', 'add', ref, file, '--json');
    expect(add.code).toBe(0);
    const evidence = JSON.parse(add.stdout) as Evidence;
    expect(evidence).toMatchObject({ incidentRef: ref, name: 'capture.bin', size: original.length });
    evidenceId = evidence.id;

    const out = join(tmp, 'exported.bin');
    const exported = await cli('evidence', 'export', ref, evidenceId, '--out', out);
    expect(exported.code).toBe(0);
    expect(readFileSync(out).equals(original)).toBe(true);

    const refused = await cli('evidence', 'export', ref, evidenceId, '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already exists.*--force/);

    writeFileSync(out, 'something else');
    const forced = await cli('evidence', 'export', ref, evidenceId, '--out', out, '--force');
    expect(forced.code).toBe(0);
    expect(readFileSync(out).equals(original)).toBe(true);
  });

  it('log verify reports the count and head of an intact log', { timeout: SLOW }, async () => {
    const plain = await cli('log', 'verify');
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^Log OK: \d+ events, head #\d+ [0-9a-f]{64}\n$/);

    const json = await cli('log', 'verify', '--json');
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout) as VerifyResult;
    expect(result.ok).toBe(true);
    expect(result.count).toBeGreaterThan(5);
  });

  it('a wrong passphrase exits 3 with one line on stderr', { timeout: SLOW }, async () => {
    const run = await runCli(['--data-dir', dataDir, 'incident', 'list'], { FIREBREAK_PASSPHRASE: 'Not-the-right-one-1' });
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^firebreak: [^\n]+\n$/);
    expect(run.stderr).not.toContain('Not-the-right-one-1');
  });

  it('without any passphrase source and no terminal, exits 3 instead of waiting', { timeout: SLOW }, async () => {
    const run = await runCli(['--data-dir', dataDir, 'incident', 'list']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^firebreak: no passphrase: .*--passphrase-file.*FIREBREAK_PASSPHRASE.*\n$/);
  });

  it('vault export-key prints the database key, and a tampered log exits 4', { timeout: SLOW }, async () => {
    const exported = await cli('vault', 'export-key');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    const keyHex = exported.stdout.trim();

    // Edit one event behind the app's back with the exported key, as an attacker holding the key
    // could: the append-only trigger is dropped for the edit and put back, so only the hash
    // chain can tell.
    const db = openDatabase(join(dataDir, 'firebreak.db'), keyHex, { mustExist: true });
    const victim = db.prepare("SELECT seq FROM events WHERE type = 'incident.note' ORDER BY seq LIMIT 1").get() as { seq: number };
    const trigger = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'events_no_update'").get() as { sql: string };
    db.exec('DROP TRIGGER events_no_update');
    db.prepare('UPDATE events SET data = ? WHERE seq = ?').run(JSON.stringify({ text: 'nothing happened' }), victim.seq);
    db.exec(trigger.sql);
    db.close();

    const verify = await cli('log', 'verify');
    expect(verify.code).toBe(4);
    expect(verify.stderr).toMatch(new RegExp(`^firebreak: log integrity broken at event #${victim.seq}\\b[^\\n]*\\n$`));

    const json = await cli('log', 'verify', '--json');
    expect(json.code).toBe(4);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, firstBadSeq: victim.seq });
  });
});
