import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './runCli';

const SLOW = 90_000;
const OLD = 'Correct-Horse-42-battery';
const NEW = 'Fresh-Start-after-2026';

let tmp: string;
let dataDir: string;
let keyFile: string;
const file = (name: string, text: string) => {
  const p = join(tmp, name);
  writeFileSync(p, `${text}\n`, { mode: 0o600 });
  return p;
};

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'fb-recover-'));
  dataDir = join(tmp, 'data');
  keyFile = join(tmp, 'recovery.txt');
  const init = await runCli(['init', '--admin', 'alice', '--recovery-file', keyFile, '--data-dir', dataDir], { FIREBREAK_PASSPHRASE: OLD });
  expect(init.code).toBe(0);
}, SLOW);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.sequential('firebreak vault recover', () => {
  it('a wrong recovery key exits 3 and the old passphrase still works', { timeout: SLOW }, async () => {
    const bad = file('bad.txt', 'FBRK-0000-0000-0000-0000-0000-0000-0000-0000');
    const run = await runCli(['vault', 'recover', '--data-dir', dataDir, '--recovery-file', bad, '--new-passphrase-file', file('new.txt', NEW)]);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe('firebreak: that recovery key does not open this vault\n');
    expect((await runCli(['log', 'verify', '--data-dir', dataDir, '--passphrase-file', file('old.txt', OLD)])).code).toBe(0);
  });

  it('a missing recovery file exits 1 with one line', { timeout: SLOW }, async () => {
    const run = await runCli(['vault', 'recover', '--data-dir', dataDir, '--recovery-file', join(tmp, 'nope.txt'), '--new-passphrase-file', file('new.txt', NEW)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^firebreak: cannot read the recovery key from .*nope\.txt \(ENOENT\)\n$/);
  });

  it('the recovery key sets a new passphrase: the old one fails and the new one works', { timeout: SLOW }, async () => {
    const run = await runCli(['vault', 'recover', '--data-dir', dataDir, '--recovery-file', keyFile, '--new-passphrase-file', file('new.txt', NEW), '--reset-mfa']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('New passphrase set for alice; two-factor sign-in removed.\n');
    expect((await runCli(['log', 'verify', '--data-dir', dataDir, '--passphrase-file', file('old.txt', OLD)])).code).toBe(3);
    const verify = await runCli(['log', 'verify', '--json', '--data-dir', dataDir, '--passphrase-file', file('new.txt', NEW)]);
    expect(verify.code).toBe(0);
    expect((JSON.parse(verify.stdout) as { ok: boolean }).ok).toBe(true);
  });
});
