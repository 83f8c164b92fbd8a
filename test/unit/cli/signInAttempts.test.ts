import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTEMPTS_FILE } from '../../../main/auth';
import { SECURITY_STREAM_FILE } from '../../../main/monitoring';
import { createBackend } from '../../../main/api';
import { connect } from '../../helpers/client';
import { hashFiles } from '../../helpers/hashFiles';
import { makeTempDataDir, removeTempDataDir } from '../../helpers/tempDataDir';
import { ADMIN, ADMIN_PASS, TEST_LOG_N } from '../../helpers/testVault';
import { runCli } from './runCli';

const SLOW = 90_000;
/** Every process runs on this pinned clock (FIREBREAK_TEST_NOW), so the backoff does not depend on how fast they start. */
const T0 = Date.UTC(2026, 2, 14, 9, 0, 0);
const at = (ms: number) => ({ FIREBREAK_TEST_NOW: new Date(ms).toISOString() });
const WRONG = ['Wrong guess one 11!', 'Wrong guess two 22!', 'Wrong guess three 33!', 'Wrong guess four 44!'];

let dir: string;
let dataDir: string;
const secretFile = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, `${text}\n`, { mode: 0o600 });
  return p;
};
const listIncidents = (passphrase: string, now: number) =>
  runCli(['incident', 'list', '--json', '--data-dir', dataDir, '--passphrase-file', secretFile(`p-${Math.random().toString(36).slice(2)}.txt`, passphrase)], at(now));

beforeAll(async () => {
  dir = makeTempDataDir('cli-attempts');
  dataDir = join(dir, 'data');
  const backend = await createBackend({ dataDir, testOnlyKdfLogN: TEST_LOG_N, now: () => T0 - 60_000 });
  await connect(backend).call('vault.create', { admin: ADMIN, passphrase: ADMIN_PASS });
  backend.close();
});
afterAll(() => removeTempDataDir(dir));

describe('failed CLI sign-ins across processes (issue 13 §4)', () => {
  it('share one backoff and reach the log at the next sign-in, touching neither the database nor the key slots', { timeout: SLOW }, async () => {
    const { [ATTEMPTS_FILE]: _none, [SECURITY_STREAM_FILE]: _streamBefore, ...before } = hashFiles(dataDir);

    // Four processes at once, each a wrong passphrase: three are tried, the fourth is held back.
    const runs = await Promise.all(WRONG.map((p) => listIncidents(p, T0)));
    expect(runs.map((r) => r.code)).toEqual([3, 3, 3, 3]);
    const lines = runs.map((r) => r.stderr).sort();
    expect(lines).toEqual([
      'firebreak: too many failed attempts; try again in 2 s\n',
      'firebreak: wrong user name or passphrase\n',
      'firebreak: wrong user name or passphrase\n',
      'firebreak: wrong user name or passphrase\n',
    ]);

    // A new process knows it: even the right passphrase waits.
    const held = await listIncidents(ADMIN_PASS, T0 + 1_000);
    expect([held.code, held.stderr]).toEqual([3, 'firebreak: too many failed attempts; try again in 1 s\n']);

    // Only the attempts file and the security stream changed (each CLI run streamed its failure at
    // once, docs/security.md); the attempts file is the owner's alone and holds no passphrase.
    const { [ATTEMPTS_FILE]: attempts, [SECURITY_STREAM_FILE]: _stream, ...after } = hashFiles(dataDir);
    expect(after).toEqual(before);
    expect(attempts).toBeDefined();
    const streamed = readFileSync(join(dataDir, SECURITY_STREAM_FILE), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.locked === true);
    expect(streamed.map((l) => [l.type, l.user, l.transport, l.seq]).sort()).toEqual(Array(3).fill(['auth.login_failed', ADMIN, 'cli', null]));
    const file = join(dataDir, ATTEMPTS_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    for (const secret of [...WRONG, ADMIN_PASS]) expect(text).not.toContain(secret);
    expect(text.match(/auth\.login_failed/g)).toHaveLength(3);

    // After the wait: signed in, and the three failures are in the log, from the CLI, marked late.
    const ok = await listIncidents(ADMIN_PASS, T0 + 2_001);
    expect([ok.code, ok.stderr]).toEqual([0, '']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ counters: {}, pending: [], flushing: null });

    const backend = await createBackend({ dataDir, testOnlyKdfLogN: TEST_LOG_N, now: () => T0 + 3_000 });
    try {
      const c = connect(backend);
      await c.call('auth.login', { user: ADMIN, passphrase: ADMIN_PASS });
      const failed = (await c.call('audit.list', { type: 'auth.login_failed' })).rows;
      expect(failed.map((e) => [e.actor, e.data.reason, e.data.attempt, e.data.transport, e.data.recordedLate]).sort()).toEqual([
        [ADMIN, 'passphrase', 1, 'cli', true],
        [ADMIN, 'passphrase', 2, 'cli', true],
        [ADMIN, 'passphrase', 3, 'cli', true],
      ]);
      expect(new Set(failed.map((e) => e.data.pendingId)).size).toBe(3);
      expect((await c.call('log.verify', {})).ok).toBe(true);
    } finally {
      backend.close();
    }
  });
});
