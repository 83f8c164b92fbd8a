import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../../contract';
import { CRASH_WRITER } from '../../helpers/cli/buildTestCli';
import { ADMIN, ADMIN_PASS, createTestVault, type TestVault } from '../../helpers/testVault';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const RUNS = 20;

interface RunResult {
  run: number;
  committed: number[];
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Starts the writer, waits for its first commit, lets it commit for 20–200 ms more, then SIGKILLs it. */
function runAndKill(dataDir: string, ref: string, run: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CRASH_WRITER, dataDir, ADMIN, ADMIN_PASS, ref, String(run)], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`writer run ${run} never committed: ${err}`));
      // A liveness guard, not a timing assertion: a loaded 2-core CI machine may need seconds to start it.
    }, 90_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (!timer && out.includes('committed ')) {
        timer = setTimeout(() => child.kill('SIGKILL'), 20 + Math.floor(Math.random() * 181));
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(deadline);
      // Only whole lines count: a line cut by the kill was never fully reported.
      const lines = out.split('\n').slice(0, -1);
      const committed = lines.filter((l) => l.startsWith('committed ')).map((l) => Number(l.slice('committed '.length)));
      resolve({ run, committed, signal, stderr: err });
    });
  });
}

let v: TestVault;
let ref: string;
beforeAll(async () => {
  v = await createTestVault();
  ref = (await v.admin.call('incidents.create', { title: 'Crash target', severity: 'SEV3', category: 'outage' })).ref;
  // Every session closed and the database with it: the writers are the only process using it.
  await v.admin.call('auth.logout', {});
  v.backend.close();
});
afterAll(() => v.dispose());

describe('crash safety', () => {
  it(`every commit a SIGKILLed writer reported survives, ${RUNS} times over, and the chain verifies`, async () => {
    const results: RunResult[] = [];
    for (let run = 1; run <= RUNS; run += 1) {
      const r = await runAndKill(v.dataDir, ref, run);
      expect(r.signal, `run ${run}: ${r.stderr}`).toBe('SIGKILL');
      expect(r.committed.length, `run ${run} committed nothing`).toBeGreaterThan(0);
      results.push(r);
    }

    const backend = await v.reopen();
    const conn = backend.newConnection('test');
    const call = async <T>(method: string, input: unknown): Promise<T> => {
      const r = await backend.handle(conn, method, input);
      if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
      return r.value as T;
    };
    await call('auth.login', { user: ADMIN, passphrase: ADMIN_PASS });
    const verify = await call<{ ok: boolean; problem?: string }>('log.verify', {});
    expect(verify).toMatchObject({ ok: true });

    const events = await call<TimelineEvent[]>('timeline.forIncident', { ref });
    const bySeq = new Map(events.map((e) => [e.seq, e]));
    let reported = 0;
    for (const r of results) {
      for (const seq of r.committed) {
        const e = bySeq.get(seq);
        expect(e, `run ${r.run}: reported seq ${seq} is missing`).toBeDefined();
        expect(e!.type).toBe('incident.note');
        expect(String(e!.data.text)).toMatch(new RegExp(`^run ${r.run} note \\d+$`));
        reported += 1;
      }
    }
    // Seqs only grow across runs: a run never overwrote an earlier one.
    const all = results.flatMap((r) => r.committed);
    expect([...all].sort((a, b) => a - b)).toEqual(all);
    expect(reported).toBeGreaterThanOrEqual(RUNS);
    expect(events.filter((e) => e.type === 'incident.note').length).toBeGreaterThanOrEqual(reported);
  }, 600_000);
});
