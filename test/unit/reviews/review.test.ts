/**
 * Issue 12 §2: the post-incident review is versioned (every save kept, in the chain with its
 * hash, never its text), a save on a stale version is refused and changes nothing, a manager
 * signs a version off and a later save reopens it with the reason; key events are stars folded
 * from the log, masked like the timeline.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REVIEW_SECTIONS, type Role, type TimelineEvent } from '../../../contract';
import { canonicalJson } from '../../../main/timeline';
import { expectFailure, type TestClient } from '../../helpers/client';
import { createTestVault, type TestVault } from '../../helpers/testVault';

let v: TestVault;
let ref: string;
const as = new Map<Role, TestClient>();
const client = (role: Role) => as.get(role)!;
const head = async () => (await v.admin.call('log.verify', {})).head;
const eventsOf = async (type: string) => (await v.admin.call('timeline.forIncident', { ref })).filter((e) => e.type === type);

const SUMMARY = 'Ransomware encrypted **FS01**; restored from the nightly backup within 9 h.';
const ROOT_CAUSE = 'An exposed RDP port with a reused password (Nadia Petrova\'s account).';

beforeAll(async () => {
  v = await createTestVault({ idleTimeoutMs: 7 * 24 * 3_600_000 });
  as.set('admin', v.admin);
  for (const role of ['responder', 'manager', 'legal', 'auditor', 'backup-operator'] as const) as.set(role, await v.addUser(`u-${role}`, role));
  ref = (await v.admin.call('incidents.create', { title: 'Ransomware on FS01', severity: 'SEV1', category: 'ransomware', reporterEmail: 'nadia.petrova@example.org' })).ref;
});
afterAll(() => v.dispose());

describe('the post-incident review', () => {
  it('is version 0 with every section empty before the first save', async () => {
    const r = await client('auditor').call('reviews.get', { ref });
    expect(r).toEqual({
      ref, version: 0, sections: Object.fromEntries(REVIEW_SECTIONS.map((s) => [s, ''])), status: 'draft',
      updatedBy: null, updatedAt: null, signedOff: null, reopened: null, versions: 0, sha256: null,
    });
  });

  it('keeps every save as a version, each in the chain with the sections it changed and the hash of the text — not the text', async () => {
    const first = await client('responder').call('reviews.save', { ref, baseVersion: 0, sections: { summary: SUMMARY, rootCause: ROOT_CAUSE } });
    expect(first).toMatchObject({ version: 1, versions: 1, status: 'draft', updatedBy: 'u-responder', updatedAt: v.clock.iso() });
    expect(first.sections).toMatchObject({ summary: SUMMARY, rootCause: ROOT_CAUSE, wentWell: '' });
    v.clock.advance(60_000);
    // Windows line endings are stored as \n, so the hash does not depend on the writer's platform.
    const second = await client('manager').call('reviews.save', { ref, baseVersion: 1, sections: { wentWell: 'Backups restored cleanly.\r\nDrill practice paid off.', summary: SUMMARY } });
    expect(second).toMatchObject({ version: 2, updatedBy: 'u-manager' });
    expect(second.sections.wentWell).toBe('Backups restored cleanly.\nDrill practice paid off.');
    expect(second.sha256).toBe(createHash('sha256').update(canonicalJson(second.sections)).digest('hex'));

    // The first version is still there, as it was.
    expect((await client('legal').call('reviews.get', { ref, version: 1 })).sections).toEqual(first.sections);
    expect(await client('legal').call('reviews.get', { ref, version: 1 })).toMatchObject({ version: 1, versions: 2, updatedBy: 'u-responder' });
    expectFailure(await client('legal').attempt('reviews.get', { ref, version: 3 }), 'NOT_FOUND');

    const saved = await eventsOf('review.saved');
    expect(saved.map((e) => [e.actor, e.data])).toEqual([
      ['u-responder', { version: 1, changed: ['summary', 'rootCause'], sha256: first.sha256 }],
      // The summary was sent unchanged: only the section that changed is named.
      ['u-manager', { version: 2, changed: ['wentWell'], sha256: second.sha256 }],
    ]);
    expect(JSON.stringify(saved)).not.toContain('Petrova');

    const history = await client('auditor').call('reviews.history', { ref });
    expect(history).toMatchObject({ total: 2, offset: 0, signOffs: [] });
    expect(history.versions.map((h) => [h.version, h.by, h.changed, h.eventSeq])).toEqual([
      [2, 'u-manager', ['wentWell'], saved[1]!.seq],
      [1, 'u-responder', ['summary', 'rootCause'], saved[0]!.seq],
    ]);
  });

  it('refuses a save on a stale version, naming who saved meanwhile, and changes nothing', async () => {
    const before = await head();
    const stale = expectFailure(await client('responder').attempt('reviews.save', { ref, baseVersion: 1, sections: { rootCause: 'My rewrite' } }), 'CONFLICT');
    expect(stale.message).toMatch(/^someone else saved version 2 meanwhile \(u-manager at 2026-03-14T09:01:00.000Z\), after the version 1 you wrote on: nothing was saved/);
    const none = expectFailure(await client('responder').attempt('reviews.save', { ref, baseVersion: 2, sections: { summary: SUMMARY } }), 'VALIDATION');
    expect(none.message).toBe('nothing to save: the sections you sent have the text of version 2 already');
    expectFailure(await client('responder').attempt('reviews.save', { ref, baseVersion: 5, sections: { summary: 'x' } }), 'VALIDATION');
    const tooLong = expectFailure(await client('responder').attempt('reviews.save', { ref, baseVersion: 2, sections: { summary: 'x'.repeat(20_001) } }), 'VALIDATION');
    expect(tooLong.message).toMatch(/at most 20,000 characters per section/);
    expectFailure(await client('responder').raw('reviews.save', { ref, baseVersion: 2, sections: { lessons: 'x' } }), 'VALIDATION');
    expectFailure(await client('responder').attempt('reviews.save', { ref, baseVersion: 2, sections: {} }), 'VALIDATION');
    expectFailure(await client('responder').attempt('reviews.save', { ref: 'IR-2026-9999', baseVersion: 0, sections: { summary: 'x' } }), 'NOT_FOUND');
    expect(await head()).toEqual(before);
    expect((await client('responder').call('reviews.get', { ref })).version).toBe(2);
  });

  it('is signed off by a manager on the latest version only, once; a later save reopens it and needs the reason', async () => {
    const responder = client('responder');
    const manager = client('manager');
    expectFailure(await responder.attempt('reviews.signOff', { ref, version: 2 }), 'FORBIDDEN');
    const old = expectFailure(await manager.attempt('reviews.signOff', { ref, version: 1 }), 'CONFLICT');
    expect(old.message).toMatch(/^version 1 is not the latest: u-manager saved version 2 at .*; read it before signing off/);

    v.clock.advance(60_000);
    const final = await manager.call('reviews.signOff', { ref, version: 2 });
    expect(final).toMatchObject({ status: 'final', version: 2, signedOff: { by: 'u-manager', version: 2, at: v.clock.iso() }, reopened: null });
    expect((await eventsOf('review.signed_off')).map((e) => e.data)).toEqual([{ version: 2, sha256: final.sha256 }]);
    expect(expectFailure(await v.admin.attempt('reviews.signOff', { ref, version: 2 }), 'CONFLICT').message).toMatch(/signed off already \(by u-manager at /);

    const before = await head();
    const noReason = expectFailure(await responder.attempt('reviews.save', { ref, baseVersion: 2, sections: { toolsNeeded: 'EDR on the file servers' } }), 'VALIDATION');
    expect(noReason.message).toMatch(/is final \(version 2, signed off by u-manager at .*\): saving reopens it, so say why \(reason\); nothing was saved/);
    expect(await head()).toEqual(before);

    v.clock.advance(60_000);
    const reopened = await responder.call('reviews.save', { ref, baseVersion: 2, sections: { toolsNeeded: 'EDR on the file servers' }, reason: 'The tools section was left out' });
    expect(reopened).toMatchObject({
      version: 3, status: 'draft', signedOff: { by: 'u-manager', version: 2 },
      reopened: { by: 'u-responder', at: v.clock.iso(), reason: 'The tools section was left out', fromVersion: 2, version: 3 },
    });
    expect((await eventsOf('review.reopened')).map((e) => [e.actor, e.data])).toEqual([
      ['u-responder', { fromVersion: 2, version: 3, signedOffBy: 'u-manager', reason: 'The tools section was left out' }],
    ]);
    const history = await client('auditor').call('reviews.history', { ref });
    expect(history.versions[0]).toMatchObject({ version: 3, reopened: { fromVersion: 2, reason: 'The tools section was left out' } });
    expect(history.signOffs).toEqual([expect.objectContaining({ version: 2, by: 'u-manager' })]);

    // Signed off again, the latest version is final once more.
    expect(await manager.call('reviews.signOff', { ref, version: 3 })).toMatchObject({ status: 'final', signedOff: { version: 3 } });
    expect((await v.admin.call('log.verify', {})).ok).toBe(true);
  });

  it('is read with report:read and written with review:write only', async () => {
    expectFailure(await client('backup-operator').attempt('reviews.get', { ref }), 'FORBIDDEN');
    expectFailure(await client('backup-operator').attempt('reviews.history', { ref }), 'FORBIDDEN');
    for (const role of ['legal', 'auditor', 'backup-operator'] as const) {
      expectFailure(await client(role).attempt('reviews.save', { ref, baseVersion: 3, sections: { summary: 'Rewritten' } }), 'FORBIDDEN');
    }
    expectFailure(await client('legal').attempt('reviews.signOff', { ref, version: 3 }), 'FORBIDDEN');
    expect((await client('auditor').call('reviews.get', { ref })).version).toBe(3);
  });
});

describe('key events', () => {
  let note: TimelineEvent;
  let emailChange: TimelineEvent;
  let other: string;

  beforeAll(async () => {
    note = await client('responder').call('incidents.addNote', { ref, text: 'FS01 isolated from the network' });
    await client('responder').call('incidents.update', { ref, patch: { reporterEmail: 'n.petrova@example.net' } });
    emailChange = (await eventsOf('incident.updated')).at(-1)!;
    other = (await v.admin.call('incidents.create', { title: 'Phishing wave', severity: 'SEV3', category: 'phishing' })).ref;
  });

  it('are starred and unstarred as events of their own; the set is folded from them', async () => {
    const responder = client('responder');
    expect(await client('auditor').call('reviews.keyEvents', { ref })).toEqual([]);
    expect(await responder.call('timeline.star', { seq: emailChange.seq, starred: true })).toEqual({ seq: emailChange.seq, starred: true, keyEvents: [emailChange.seq] });
    expect(await responder.call('timeline.star', { seq: note.seq, starred: true })).toEqual({ seq: note.seq, starred: true, keyEvents: [note.seq, emailChange.seq] });
    expect((await responder.call('reviews.keyEvents', { ref })).map((e) => e.seq)).toEqual([note.seq, emailChange.seq]);

    expect(expectFailure(await responder.attempt('timeline.star', { seq: note.seq, starred: true }), 'CONFLICT').message).toBe(`event #${note.seq} is a key event of ${ref} already: nothing was changed`);
    await client('manager').call('timeline.star', { seq: note.seq, starred: false });
    expect((await responder.call('reviews.keyEvents', { ref })).map((e) => e.seq)).toEqual([emailChange.seq]);
    expect(expectFailure(await responder.attempt('timeline.star', { seq: note.seq, starred: false }), 'CONFLICT').message).toMatch(/is not a key event of .*: there is no star to take away/);
    await responder.call('timeline.star', { seq: note.seq, starred: true });
    expect((await responder.call('reviews.keyEvents', { ref })).map((e) => e.seq)).toEqual([note.seq, emailChange.seq]);

    const marks = (await v.admin.call('timeline.forIncident', { ref })).filter((e) => e.type.startsWith('event.'));
    expect(marks.map((e) => [e.actor, e.type, e.data])).toEqual([
      ['u-responder', 'event.starred', { seq: emailChange.seq, type: 'incident.updated' }],
      ['u-responder', 'event.starred', { seq: note.seq, type: 'incident.note' }],
      ['u-manager', 'event.unstarred', { seq: note.seq, type: 'incident.note' }],
      ['u-responder', 'event.starred', { seq: note.seq, type: 'incident.note' }],
    ]);
    // The starred events are what they were: same hashes, and the chain verifies.
    const starred = await v.admin.call('reviews.keyEvents', { ref });
    expect(starred.map((e) => e.hash)).toEqual([note.hash, emailChange.hash]);
    expect((await v.admin.call('log.verify', {})).ok).toBe(true);
    // Another incident's key events are its own.
    expect(await responder.call('reviews.keyEvents', { ref: other })).toEqual([]);
  });

  it('refuses what cannot be a key event, with the reason, changing nothing', async () => {
    const responder = client('responder');
    const before = await head();
    const login = (await v.admin.call('audit.list', { type: 'auth.login', limit: 1 })).rows[0]!;
    expect(expectFailure(await responder.attempt('timeline.star', { seq: login.seq, starred: true }), 'VALIDATION').message).toMatch(/belongs to no incident/);
    expectFailure(await responder.attempt('timeline.star', { seq: before!.seq + 1000, starred: true }), 'NOT_FOUND');
    const mark = (await eventsOf('event.starred'))[0]!;
    expect(expectFailure(await responder.attempt('timeline.star', { seq: mark.seq, starred: true }), 'VALIDATION').message).toMatch(/is itself a star mark/);
    for (const role of ['legal', 'auditor', 'backup-operator'] as const) {
      expectFailure(await client(role).attempt('timeline.star', { seq: note.seq, starred: false }), 'FORBIDDEN');
    }
    // The router logs each FORBIDDEN as auth.denied; nothing else was appended.
    const after = await v.admin.call('audit.list', { limit: 10 });
    expect(after.rows.filter((e) => e.seq > before!.seq).every((e) => e.type === 'auth.denied')).toBe(true);
    expect((await responder.call('reviews.keyEvents', { ref })).map((e) => e.seq)).toEqual([note.seq, emailChange.seq]);
  });

  it('are masked like the timeline for roles without pii:read', async () => {
    for (const role of ['manager', 'auditor'] as const) {
      const events = await client(role).call('reviews.keyEvents', { ref });
      expect(JSON.stringify(events)).not.toContain('petrova@example');
      expect(events.find((e) => e.seq === emailChange.seq)!.data.changes).toEqual([{ field: 'reporterEmail', before: null, after: null, redacted: true }]);
    }
    const full = await client('responder').call('reviews.keyEvents', { ref });
    expect(full.find((e) => e.seq === emailChange.seq)!.data.changes).toEqual([{ field: 'reporterEmail', before: 'nadia.petrova@example.org', after: 'n.petrova@example.net' }]);
  });
});
