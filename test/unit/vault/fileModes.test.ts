import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../helpers/client';
import { ADMIN, ADMIN_PASS, createTestVault, type TestVault } from '../../helpers/testVault';

/** Every file under `dir` with its permission bits, e.g. { 'firebreak.db': '600' }. */
function modes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[relative(dir, p)] = (statSync(p).mode & 0o777).toString(8);
    }
  };
  walk(dir);
  return out;
}

const onlyOwner = (m: Record<string, string>) => Object.fromEntries(Object.keys(m).map((k) => [k, '600']));

let v: TestVault;
let umask: number;
beforeAll(async () => {
  // The usual umask, under which SQLite used to create the database 0644.
  umask = process.umask(0o022);
  v = await createTestVault();
});
afterAll(() => {
  v.dispose();
  process.umask(umask);
});

describe.runIf(process.platform !== 'win32')('files in the data directory are the owner\'s alone (issue 13)', () => {
  it('creates every file 0600: the database and its -wal and -shm, key slots, sign-in attempts, evidence, runbooks', async () => {
    const { ref } = await v.admin.call('incidents.create', { title: 'Mode check', severity: 'SEV3', category: 'malware' });
    await v.admin.call('evidence.add', { ref, name: 'note.txt', dataBase64: Buffer.from('evidence').toString('base64') });
    await v.admin.call('runbooks.import', {
      name: 'modes.yaml',
      text: 'format: 1\nid: modes\ntitle: Modes\nversion: 1.0.0\nsummary: One task.\nappliesTo: { categories: [other], severityAtLeast: SEV4 }\nsources: [{ title: Test }]\nsteps:\n  - { id: t, kind: task, title: Task, phase: { csf: Respond, picerl: Containment } }\n',
    });
    expect((await connect(v.backend).attempt('auth.login', { user: ADMIN, passphrase: 'not the passphrase 1' })).ok).toBe(false);

    const m = modes(v.dataDir);
    for (const f of ['firebreak.db', 'firebreak.db-wal', 'firebreak.db-shm', 'vault.json', 'sign-in-attempts.json', 'runbooks/modes.yaml']) expect(Object.keys(m)).toContain(f);
    expect(Object.keys(m).some((f) => f.startsWith('evidence/'))).toBe(true);
    expect(m).toEqual(onlyOwner(m));
  });

  it('brings the files of an older vault (created 0644) to 0600 when it is opened', async () => {
    v.backend.close();
    mkdirSync(join(v.dataDir, 'logs'), { recursive: true });
    writeFileSync(join(v.dataDir, 'logs', 'firebreak.log'), 'an old line\n', { mode: 0o644 });
    // As an older version left them (closing removed -wal and -shm). evidence/ and runbooks/ were always written 0600.
    for (const f of Object.keys(modes(v.dataDir)).filter((f) => !f.includes('/') || f.startsWith('logs/'))) chmodSync(join(v.dataDir, f), 0o644);
    expect(modes(v.dataDir)['firebreak.db']).toBe('644');

    const backend = await v.reopen();
    await connect(backend).call('auth.login', { user: ADMIN, passphrase: ADMIN_PASS });
    const m = modes(v.dataDir);
    expect(m['logs/firebreak.log']).toBe('600');
    expect(m).toEqual(onlyOwner(m));
  });
});
