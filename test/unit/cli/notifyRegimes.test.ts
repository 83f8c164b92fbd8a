import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RegimeSummary } from '../../../contract';
import { runCliInProcess } from '../../helpers/cli/runCliInProcess';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'fb-notify-regimes-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it('lists every regime with the id `notify draft` takes, without a passphrase or a data directory', async () => {
  const dataDir = join(tmp, 'never-created');
  const json = await runCliInProcess(['--data-dir', dataDir, 'notify', 'regimes', '--json']);
  expect(json.code).toBe(0);
  const regimes = JSON.parse(json.stdout) as RegimeSummary[];
  expect(regimes.length).toBeGreaterThan(20);
  const gdpr = regimes.find((r) => r.id === 'eu-gdpr-art33');
  expect(gdpr).toMatchObject({ audience: 'authority', jurisdiction: { code: 'EEA', timeZone: 'Europe/Brussels' } });
  expect(gdpr?.sources.length).toBeGreaterThan(0);
  expect(regimes.some((r) => r.jurisdiction.code === 'GB')).toBe(true);

  const text = await runCliInProcess(['--data-dir', dataDir, 'notify', 'regimes']);
  expect(text.code).toBe(0);
  expect(text.stderr).toBe('');
  const lines = text.stdout.trim().split('\n');
  expect(lines[0]).toMatch(/^ID\s+WHERE\s+AUDIENCE\s+REGIME\s+REVIEWED$/);
  // One row per regime, each starting with its id, and the closing line saying what to do with it.
  for (const r of regimes) expect(lines.some((l) => l.startsWith(`${r.id} `))).toBe(true);
  expect(lines.at(-1)).toBe(`${regimes.length} regimes. Draft a notice with \`firebreak notify draft REF ID --format md --out FILE\`.`);
  expect(existsSync(dataDir)).toBe(false);
});

