import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Evidence } from '../../../contract';
import { expectFailure } from '../../helpers/client';
import { ADMIN, createTestVault, type TestVault } from '../../helpers/testVault';

const MARKER = 'CONFIDENTIAL-EVIDENCE-MARKER';
// Text that would be visible in a plaintext file, plus random bytes and every byte value.
const PLAIN = Buffer.concat([Buffer.from(`${MARKER}\n`.repeat(200)), randomBytes(5000), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let v: TestVault;
let ref: string;
beforeEach(async () => {
  v = await createTestVault();
  ref = (await v.admin.call('incidents.create', { title: 'Exfiltration via USB', severity: 'SEV2', category: 'insider' })).ref;
});
afterEach(() => v.dispose());

const add = (data: Buffer = PLAIN, name = 'capture.log') =>
  v.admin.call('evidence.add', { ref, name, mediaType: 'text/plain', description: 'from the proxy', dataBase64: data.toString('base64') });
const fileOf = (e: Evidence) => join(v.dataDir, 'evidence', `${e.id}.fbe`);
const types = async () => (await v.admin.call('timeline.forIncident', { ref })).map((e) => e.type);

describe('evidence', () => {
  it('stores the file encrypted, with the SHA-256 of the original recorded at intake', async () => {
    const e = await add();
    expect(e).toMatchObject<Partial<Evidence>>({
      incidentRef: ref, name: 'capture.log', mediaType: 'text/plain', size: PLAIN.length, sha256: sha256(PLAIN), addedBy: ADMIN,
      addedAt: v.clock.iso(), description: 'from the proxy',
    });
    expect(readdirSync(join(v.dataDir, 'evidence'))).toEqual([`${e.id}.fbe`]);
    const stored = readFileSync(fileOf(e));
    expect(stored.includes(MARKER)).toBe(false);
    expect(stored.includes(PLAIN.subarray(PLAIN.length - 256))).toBe(false);
    expect(stored.length).toBeGreaterThan(PLAIN.length);
    expect(await v.admin.call('evidence.list', { ref })).toEqual([e]);
    const added = (await v.admin.call('timeline.forIncident', { ref })).at(-1)!;
    expect(added).toMatchObject({ type: 'evidence.added', data: { id: e.id, sha256: e.sha256, size: PLAIN.length, name: 'capture.log' } });
  });

  it('view and export return the identical bytes and are custody events', async () => {
    const e = await add();
    for (const purpose of ['view', 'export'] as const) {
      const got = await v.admin.call('evidence.get', { ref, id: e.id, purpose });
      expect(got.verified).toBe(true);
      expect(got.evidence).toEqual(e);
      expect(Buffer.from(got.dataBase64, 'base64').equals(PLAIN)).toBe(true);
    }
    const events = await v.admin.call('timeline.forIncident', { ref });
    expect(events.slice(-2).map((x) => [x.type, x.actor, x.data.id, x.data.sha256])).toEqual([
      ['evidence.viewed', ADMIN, e.id, e.sha256],
      ['evidence.exported', ADMIN, e.id, e.sha256],
    ]);
  });

  it('keeps an empty file too', async () => {
    const e = await add(Buffer.alloc(0), 'empty.bin');
    expect(e.sha256).toBe(sha256(Buffer.alloc(0)));
    expect((await v.admin.call('evidence.get', { ref, id: e.id, purpose: 'view' })).dataBase64).toBe('');
  });

  it('one altered byte in the stored file → INTEGRITY, nothing returned, and an integrity_failed event', async () => {
    const e = await add();
    const stored = readFileSync(fileOf(e));
    const altered = Buffer.from(stored);
    const at = Math.floor(stored.length / 2);
    altered[at] = altered[at]! ^ 0x01;
    writeFileSync(fileOf(e), altered);

    const r = await v.admin.attempt('evidence.get', { ref, id: e.id, purpose: 'export' });
    const err = expectFailure(r, 'INTEGRITY');
    expect(err.message).toContain(e.id);
    const last = (await v.admin.call('timeline.forIncident', { ref })).at(-1)!;
    expect(last).toMatchObject({ type: 'evidence.integrity_failed', actor: ADMIN, data: { id: e.id, expected: e.sha256, actual: null, purpose: 'export' } });
    expect(await types()).not.toContain('evidence.exported');
  });

  it('a missing file, or one file moved over another, is INTEGRITY too', async () => {
    const a = await add(Buffer.from('first file'), 'a.txt');
    const b = await add(Buffer.from('second file'), 'b.txt');
    // Same key, but the id is authenticated: b's ciphertext under a's name does not decrypt.
    unlinkSync(fileOf(a));
    renameSync(fileOf(b), fileOf(a));
    expectFailure(await v.admin.attempt('evidence.get', { ref, id: a.id, purpose: 'view' }), 'INTEGRITY');
    expect(existsSync(fileOf(b))).toBe(false);
    expectFailure(await v.admin.attempt('evidence.get', { ref, id: b.id, purpose: 'view' }), 'INTEGRITY');
    expect((await types()).filter((t) => t === 'evidence.integrity_failed')).toHaveLength(2);
  });

  it('refuses a name that is a path, and an unknown incident or id', async () => {
    for (const name of ['../../etc/passwd', 'dir/file.txt', 'C:\\evil.exe', 'nul\0byte']) {
      const err = expectFailure(await v.admin.raw('evidence.add', { ref, name, dataBase64: 'AA==' }), 'VALIDATION');
      expect(err.issues?.[0]).toMatch(/^name: /);
    }
    expect(existsSync(join(v.dataDir, 'evidence')) ? readdirSync(join(v.dataDir, 'evidence')) : []).toEqual([]);
    expectFailure(await v.admin.attempt('evidence.add', { ref: 'IR-2026-0999', name: 'x.txt', dataBase64: 'AA==' }), 'NOT_FOUND');
    expectFailure(await v.admin.attempt('evidence.get', { ref, id: '00000000-0000-4000-8000-000000000000', purpose: 'view' }), 'NOT_FOUND');
    const e = await add();
    const other = (await v.admin.call('incidents.create', { title: 'Another one', severity: 'SEV4', category: 'other' })).ref;
    expectFailure(await v.admin.attempt('evidence.get', { ref: other, id: e.id, purpose: 'view' }), 'NOT_FOUND');
  });
});
