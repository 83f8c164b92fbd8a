import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChainHead, Result, VerifyResult } from '../../../contract';
import { createBackend, type Backend, type Connection } from '../../../main/api';
import { openDatabase } from '../../../main/store';
import { verifyChain } from '../../../main/timeline';
import { DB_FILE } from '../../../main/vault';

// The auditor's verifier re-derives the chain from docs/log-format.md without our code; these
// tests hold it and the backend's verifyChain to the same verdict on the same real database.
const SCRIPT = fileURLToPath(new URL('../../../scripts/verify-log.mjs', import.meta.url));
const PASSPHRASE = 'correct horse 42 battery';

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

function runVerifier(args: string[], stdin?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8', input: stdin ?? '', timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
let backend: Backend;
let conn: Connection;
let dbFile: string;
let keyHex: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'firebreak-verifylog-'));
  dbFile = join(dir, DB_FILE);
  backend = await createBackend({ dataDir: dir, testOnlyKdfLogN: 12 });
  conn = backend.newConnection('test');
  value(await backend.handle(conn, 'vault.create', { admin: 'alice', passphrase: PASSPHRASE }));
  for (let i = 1; i <= 4; i += 1) {
    const inc = value<{ ref: string }>(
      await backend.handle(conn, 'incidents.create', {
        title: `Phishing wave ${i} — «Rechnung» ✉`,
        severity: 'SEV2',
        category: 'phishing',
        tags: ['mail', `wave-${i}`],
        affected: [{ jurisdiction: 'DE', count: 1200 * i }],
      }),
    );
    value(await backend.handle(conn, 'incidents.addNote', { ref: inc.ref, text: `note with "quotes", a tab\tand a newline\n #${i}` }));
    value(await backend.handle(conn, 'incidents.setStatus', { ref: inc.ref, status: 'triaged' }));
  }
  keyHex = value<{ keyHex: string }>(await backend.handle(conn, 'vault.exportKey', {})).keyHex;
});

afterEach(() => {
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

async function backendVerify(): Promise<VerifyResult> {
  return value<VerifyResult>(await backend.handle(conn, 'log.verify', {}));
}

/** Edits the log behind Firebreak's back, as an attacker holding the key would. */
function tamper(sql: string): void {
  const db = openDatabase(dbFile, keyHex);
  try {
    db.exec('DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete;');
    db.exec(sql);
  } finally {
    db.close();
  }
}

describe('scripts/verify-log.mjs, the independent verifier', () => {
  it('accepts an intact log with the same count and head as log.verify', async () => {
    const ours = await backendVerify();
    expect(ours.ok).toBe(true);
    const r = runVerifier([dbFile, keyHex]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(`OK count=${ours.count} head=${ours.head!.seq}:${ours.head!.hash}`);
  });

  it('reads the key from standard input with `-`', async () => {
    const ours = await backendVerify();
    const r = runVerifier([dbFile, '-'], `${keyHex}\n`);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`head=${ours.head!.seq}:${ours.head!.hash}`);
  });

  it('names the same first bad seq as the backend when one event is edited', async () => {
    const { seq } = openAndGet("SELECT seq FROM events WHERE type = 'incident.note' ORDER BY seq LIMIT 1 OFFSET 1");
    tamper(`UPDATE events SET data = json_set(data, '$.text', 'nothing happened') WHERE seq = ${seq}`);
    const ours = await backendVerify();
    expect(ours).toMatchObject({ ok: false, firstBadSeq: seq });
    const r = runVerifier([dbFile, keyHex]);
    expect(r.status).toBe(4);
    expect(r.stdout).toMatch(new RegExp(`^BAD seq=${seq} `));
  });

  it('names the same first bad seq when a row in the middle is deleted', async () => {
    tamper('DELETE FROM events WHERE seq = 5');
    const ours = await backendVerify();
    expect(ours).toMatchObject({ ok: false, firstBadSeq: 5 });
    const r = runVerifier([dbFile, keyHex]);
    expect(r.status).toBe(4);
    expect(r.stdout).toMatch(/^BAD seq=5 /);
  });

  it('catches rows cut off the end through the stored head, and through an anchor when the head is rewritten too', async () => {
    const before = (await backendVerify()).head!;
    const cut = before.seq - 2;
    tamper(`DELETE FROM events WHERE seq > ${cut}`);
    expect(await backendVerify()).toMatchObject({ ok: false, firstBadSeq: cut + 1 });
    expect(runVerifier([dbFile, keyHex]).stdout).toMatch(new RegExp(`^BAD seq=${cut + 1} `));

    // A careful attacker also rewrites chain_head (and cuts the verification failure and its alert,
    // which log.verify appended past the stored head): only a head kept outside the database shows it.
    tamper(`DELETE FROM events WHERE seq > ${cut}; UPDATE chain_head SET seq = ${cut}, hash = (SELECT hash FROM events WHERE seq = ${cut})`);
    const anchor: ChainHead = before;
    const db = openDatabase(dbFile, keyHex);
    const ours = (() => {
      try {
        expect(verifyChain(db).ok).toBe(true);
        return verifyChain(db, anchor);
      } finally {
        db.close();
      }
    })();
    expect(ours).toMatchObject({ ok: false, firstBadSeq: cut + 1 });
    expect(runVerifier([dbFile, keyHex]).status).toBe(0);
    const r = runVerifier([dbFile, keyHex, '--anchor', `${anchor.seq}:${anchor.hash}`]);
    expect(r.status).toBe(4);
    expect(r.stdout).toMatch(new RegExp(`^BAD seq=${cut + 1} `));
  });

  it('refuses a wrong key without claiming anything about the chain', () => {
    const r = runVerifier([dbFile, 'f'.repeat(64)]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
  });
});

function openAndGet(sql: string): { seq: number } {
  const db = openDatabase(dbFile, keyHex);
  try {
    return db.prepare(sql).get() as { seq: number };
  } finally {
    db.close();
  }
}
