/**
 * Issue 12 §2: action items — open, done with a note, won't do with the reason, reopened; every
 * change a version and an event; refusals name the fix and change nothing; overdue first; alarms
 * a day before and when overdue, once each, like notification deadlines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dueAtEndOf, localDay, type ActionAlarm, type ActionItem, type Role } from '../../../contract';
import { expectFailure, type TestClient } from '../../helpers/client';
import { exportKey, withRawDb } from '../../helpers/rawDb';
import { createTestVault, type TestVault } from '../../helpers/testVault';

const HOUR = 3_600_000;
let v: TestVault;
let ref: string;
let other: string;
const as = new Map<Role, TestClient>();
const client = (role: Role) => as.get(role)!;
const head = async () => (await v.admin.call('log.verify', {})).head;
/** The calendar date `days` after the test clock's today (here, as the backend reads due dates). */
const dayIn = (days: number) => localDay(v.clock.ms + days * 24 * HOUR);
const alarms = new Map<string, ActionAlarm[]>();

beforeAll(async () => {
  v = await createTestVault({ idleTimeoutMs: 30 * 24 * HOUR });
  as.set('admin', v.admin);
  for (const role of ['responder', 'manager', 'legal', 'auditor', 'backup-operator'] as const) as.set(role, await v.addUser(`u-${role}`, role));
  // A second backup operator: owns nothing, reads no reports, so gets no alarm.
  const bystander = await v.addUser('u-bystander', 'backup-operator');
  await v.admin.call('users.add', { name: 'u-gone', role: 'responder', passphrase: 'Another 7rusty kettle!', mustChangePassphrase: false });
  await v.admin.call('users.disable', { name: 'u-gone' });
  for (const [name, c] of [['manager', client('manager')], ['operator', client('backup-operator')], ['bystander', bystander]] as const) {
    const list: ActionAlarm[] = [];
    alarms.set(name, list);
    v.backend.subscribe(c.conn, 'action.alarm', (a) => list.push(a));
  }
  ref = (await v.admin.call('incidents.create', { title: 'Ransomware on FS01', severity: 'SEV1', category: 'ransomware' })).ref;
  other = (await v.admin.call('incidents.create', { title: 'Phishing wave', severity: 'SEV3', category: 'phishing' })).ref;
});
afterAll(() => v.dispose());

describe('action items', () => {
  let item: ActionItem;

  it('are added open, owned by someone who can work them, due on a calendar date; every refusal says why and changes nothing', async () => {
    const responder = client('responder');
    const before = await head();
    const cases: [Parameters<TestClient['attempt']>[1], RegExp][] = [
      [{ ref, title: 'Patch RDP', owner: 'u-nobody', due: dayIn(3) }, /^owner: no user named u-nobody$/],
      [{ ref, title: 'Patch RDP', owner: 'u-auditor', due: dayIn(3) }, /^owner: u-auditor is an auditor, and that role cannot work action items \(action:write\): choose someone who can mark it done$/],
      [{ ref, title: 'Patch RDP', owner: 'u-gone', due: dayIn(3) }, /^owner: u-gone is disabled and cannot sign in: choose someone who can$/],
      [{ ref, title: 'Hm', owner: 'u-responder', due: dayIn(3) }, /title: at least 3 characters/],
      [{ ref, title: 'Patch RDP', owner: 'u-responder', due: '2026-03-20T09:00:00Z' }, /due: a date as YYYY-MM-DD, e\.g\. 2026-04-30 \(a due date has no time of day\)/],
      [{ ref, title: 'Patch RDP', owner: 'u-responder', due: '2026-02-30' }, /due: 2026-02-30 is not a calendar date/],
    ];
    for (const [input, message] of cases) {
      const err = expectFailure(await responder.attempt('actions.add', input as never), 'VALIDATION');
      expect(err.message.replace(/^invalid input for actions.add: /, '')).toMatch(message);
    }
    expectFailure(await responder.attempt('actions.add', { ref: 'IR-2026-9999', title: 'Patch RDP', owner: 'u-responder', due: dayIn(3) }), 'NOT_FOUND');
    expectFailure(await client('auditor').attempt('actions.add', { ref, title: 'Patch RDP', owner: 'u-responder', due: dayIn(3) }), 'FORBIDDEN');
    const denied = (await v.admin.call('audit.list', { limit: 5 })).rows.filter((e) => e.seq > before!.seq);
    expect(denied.map((e) => e.type)).toEqual(['auth.denied']);
    expect((await v.admin.call('actions.list', {})).total).toBe(0);

    item = await responder.call('actions.add', { ref, title: '  Close RDP on every server  ', owner: 'u-backup-operator', due: dayIn(3) });
    // The date as given; overdue once that day has ended here.
    expect(item).toMatchObject({
      id: 1, ref, incidentTitle: 'Ransomware on FS01', title: 'Close RDP on every server', owner: 'u-backup-operator', due: '2026-03-17', dueAt: dueAtEndOf('2026-03-17'),
      status: 'open', overdue: false, note: null, closedBy: null, closedAt: null, createdBy: 'u-responder', version: 1,
    });
    const [added] = (await v.admin.call('timeline.forIncident', { ref })).filter((e) => e.type === 'action.added');
    expect(added).toMatchObject({ actor: 'u-responder', incidentRef: ref, data: { id: 1, title: 'Close RDP on every server', owner: 'u-backup-operator', due: '2026-03-17', dueAt: dueAtEndOf('2026-03-17') } });
    expect(added!.data).not.toHaveProperty('overdue');
  });

  it('go through done, reopened, won\'t do — each a version and an event; closed items refuse changes until reopened', async () => {
    const id = item.id;
    const renamed = await client('manager').call('actions.update', { id, title: 'Close RDP on every Windows server' });
    expect(renamed).toMatchObject({ title: 'Close RDP on every Windows server', version: 2, updatedBy: 'u-manager' });
    expect(expectFailure(await client('manager').attempt('actions.update', { id, title: 'Close RDP on every Windows server' }), 'VALIDATION').message).toBe('nothing to change: A-1 has that title already');

    const done = await client('backup-operator').call('actions.done', { id, note: 'Firewall rule FW-221 closes 3389 everywhere' });
    expect(done).toMatchObject({ status: 'done', note: 'Firewall rule FW-221 closes 3389 everywhere', closedBy: 'u-backup-operator', closedAt: v.clock.iso(), version: 3 });
    const before = await head();
    expect(expectFailure(await client('responder').attempt('actions.done', { id, note: 'Again' }), 'CONFLICT').message).toMatch(/^A-1 is done \(by u-backup-operator at .*\): nothing was changed$/);
    expect(expectFailure(await client('responder').attempt('actions.wontDo', { id, reason: 'Changed my mind' }), 'CONFLICT').message).toMatch(/^A-1 is done .*; reopen it first to change how it ended$/);
    expect(expectFailure(await client('responder').attempt('actions.update', { id, owner: 'u-legal' }), 'CONFLICT').message).toMatch(/^A-1 is done \(by .*\): reopen it to change it$/);
    expectFailure(await client('responder').attempt('actions.done', { id, note: '' }), 'VALIDATION');
    expectFailure(await client('responder').attempt('actions.wontDo', { id: 999, reason: 'No such item' }), 'NOT_FOUND');
    expect(await head()).toEqual(before);

    const reopened = await client('responder').call('actions.reopen', { id, reason: 'Port 3389 open again on FS02' });
    expect(reopened).toMatchObject({ status: 'open', note: null, closedBy: null, version: 4 });
    expect(expectFailure(await client('responder').attempt('actions.reopen', { id, reason: 'Twice' }), 'CONFLICT').message).toBe('A-1 is open already: nothing to reopen');
    const wont = await client('legal').call('actions.wontDo', { id, reason: 'FS02 is decommissioned next week' });
    expect(wont).toMatchObject({ status: 'wont_do', note: 'FS02 is decommissioned next week', closedBy: 'u-legal', version: 5 });

    const events = (await v.admin.call('timeline.forIncident', { ref })).filter((e) => e.type.startsWith('action.'));
    expect(events.map((e) => [e.type, e.actor])).toEqual([
      ['action.added', 'u-responder'], ['action.updated', 'u-manager'], ['action.done', 'u-backup-operator'],
      ['action.reopened', 'u-responder'], ['action.wont_do', 'u-legal'],
    ]);
    expect(events[1]!.data).toEqual({ id, title: 'Close RDP on every Windows server', changes: [{ field: 'title', before: 'Close RDP on every server', after: 'Close RDP on every Windows server' }] });
    expect(events[3]!.data).toEqual({ id, title: 'Close RDP on every Windows server', was: 'done', reason: 'Port 3389 open again on FS02' });

    // Every state is kept, each naming its event; the item row cannot move without a version.
    const key = await exportKey(v.admin);
    withRawDb(v.dataDir, key, (db) => {
      const versions = db.prepare('SELECT version, change, status, title, event_seq AS seq FROM action_item_versions WHERE item_id = ? ORDER BY version').all(id);
      expect(versions).toEqual([
        { version: 1, change: 'added', status: 'open', title: 'Close RDP on every server', seq: events[0]!.seq },
        { version: 2, change: 'updated', status: 'open', title: 'Close RDP on every Windows server', seq: events[1]!.seq },
        { version: 3, change: 'done', status: 'done', title: 'Close RDP on every Windows server', seq: events[2]!.seq },
        { version: 4, change: 'reopened', status: 'open', title: 'Close RDP on every Windows server', seq: events[3]!.seq },
        { version: 5, change: 'wont_do', status: 'wont_do', title: 'Close RDP on every Windows server', seq: events[4]!.seq },
      ]);
      expect(() => db.prepare("UPDATE action_items SET title = 'Quietly renamed' WHERE id = ?").run(id)).toThrow(/new version/);
      expect(() => db.prepare('DELETE FROM action_items WHERE id = ?').run(id)).toThrow(/never deleted/);
      expect(() => db.prepare('DELETE FROM action_item_versions').run()).toThrow(/append-only/);
    });
  });

  it('are listed overdue first, then by due date, closed last; filters by incident, owner, status and overdue', async () => {
    const responder = client('responder');
    const a = await responder.call('actions.add', { ref, title: 'Rotate the domain admin passwords', owner: 'u-responder', due: dayIn(1) });
    const b = await responder.call('actions.add', { ref: other, title: 'Phishing training for finance', owner: 'u-manager', due: dayIn(5) });
    const c = await responder.call('actions.add', { ref, title: 'Restore drill of FS01', owner: 'u-backup-operator', due: dayIn(2) });
    const d = await responder.call('actions.add', { ref: other, title: 'Block the sender domain', owner: 'u-responder', due: dayIn(0) });
    v.clock.advance(40 * HOUR);
    // 16 March, 01:00: a (due 15 March) and d (due 14 March) are overdue: d is the more overdue; then c (16 March), b; the won't-do item last.
    const all = await client('auditor').call('actions.list', {});
    expect(all.rows.map((r) => [r.id, r.overdue])).toEqual([[d.id, true], [a.id, true], [c.id, false], [b.id, false], [item.id, false]]);
    expect(all).toMatchObject({ total: 5, overdue: 2, offset: 0 });
    expect((await client('auditor').call('actions.list', { overdue: true })).rows.map((r) => r.id)).toEqual([d.id, a.id]);
    expect((await client('auditor').call('actions.list', { ref })).rows.map((r) => r.id)).toEqual([a.id, c.id, item.id]);
    expect((await client('auditor').call('actions.list', { owner: 'u-responder', status: 'open' })).rows.map((r) => r.id)).toEqual([d.id, a.id]);
    expect((await client('auditor').call('actions.list', { status: 'wont_do' })).rows.map((r) => r.id)).toEqual([item.id]);
    const page2 = await client('auditor').call('actions.list', { offset: 2, limit: 2 });
    expect(page2).toMatchObject({ total: 5, overdue: 2, offset: 2 });
    expect(page2.rows.map((r) => r.id)).toEqual([c.id, b.id]);

    // A backup operator reads the items it owns, and only those.
    const operator = client('backup-operator');
    expect((await operator.call('actions.list', {})).rows.map((r) => r.id)).toEqual([c.id, item.id]);
    expect(expectFailure(await operator.attempt('actions.list', { owner: 'u-responder' }), 'FORBIDDEN').message).toMatch(/reads only the action items it owns/);
    expectFailure(await operator.attempt('actions.get', { id: a.id }), 'FORBIDDEN');
    expect(await operator.call('actions.get', { id: c.id })).toMatchObject({ id: c.id, owner: 'u-backup-operator' });
    expect((await v.admin.call('audit.list', { type: 'auth.denied', limit: 2 })).rows.map((e) => e.data.method)).toEqual(['actions.get', 'actions.list']);

    // Moving an overdue item's due date needs the reason; a future one does not.
    const before = await head();
    const err = expectFailure(await responder.attempt('actions.update', { id: a.id, due: dayIn(2) }), 'VALIDATION');
    expect(err.message).toBe(`reason: A-${a.id} is overdue (it was due 2026-03-15); moving its due date needs a reason; nothing was changed`);
    expectFailure(await responder.attempt('actions.update', { id: a.id, due: '2026-03-18T12:00:00Z', reason: 'Slipped' }), 'VALIDATION');
    expect(await head()).toEqual(before);
    const moved = await responder.call('actions.update', { id: a.id, due: dayIn(2), reason: 'Waiting for the vendor\'s maintenance window' });
    expect(moved).toMatchObject({ overdue: false, due: '2026-03-18', dueAt: dueAtEndOf('2026-03-18'), version: 2 });
    const logged = (await v.admin.call('audit.list', { type: 'action.updated', limit: 1 })).rows[0]!;
    expect(logged.data).toMatchObject({ id: a.id, reason: 'Waiting for the vendor\'s maintenance window', changes: [{ field: 'due', before: '2026-03-15', after: '2026-03-18' }] });
    expect(await responder.call('actions.update', { id: c.id, owner: 'u-legal', due: dayIn(4) })).toMatchObject({ owner: 'u-legal', version: 2 });
  });

  it('raise an alarm a day before and when overdue, once each, to report readers and the owner', async () => {
    // The alarms of the items above were raised as they were listed and changed: start from here.
    for (const list of alarms.values()) list.length = 0;
    const responder = client('responder');
    // 16 March, 01:00: due on 17 March, i.e. in 47 h.
    const e = await responder.call('actions.add', { ref, title: 'Review the VPN logs', owner: 'u-backup-operator', due: dayIn(1) });
    expect(alarms.get('manager')).toEqual([]);
    v.clock.advance(24 * HOUR);
    // The sweep runs every minute and after each change to an action item: a change elsewhere sets it off here.
    await responder.call('actions.update', { id: e.id, title: 'Review the VPN and RDP logs' });
    const warning = { id: e.id, ref, exercise: false, title: 'Review the VPN and RDP logs', owner: 'u-backup-operator', due: '2026-03-17', dueAt: e.dueAt, threshold: 24 };
    expect(alarms.get('manager')).toEqual([warning]);
    expect(alarms.get('operator')).toEqual([warning]);
    expect(alarms.get('bystander')).toEqual([]);
    await responder.call('actions.update', { id: e.id, title: 'Review the VPN, RDP and SSH logs' });
    expect(alarms.get('manager')).toHaveLength(1);

    v.clock.advance(24 * HOUR);
    await responder.call('actions.add', { ref, title: 'Something else', owner: 'u-responder', due: dayIn(9) });
    expect(alarms.get('manager')!.filter((a) => a.id === e.id).map((a) => a.threshold)).toEqual([24, 0]);
    await responder.call('actions.add', { ref, title: 'And another', owner: 'u-responder', due: dayIn(9) });
    expect(alarms.get('manager')!.filter((a) => a.id === e.id)).toHaveLength(2);

    // A new due date may warn again (today, ending in 23 h); a closed item never.
    await responder.call('actions.update', { id: e.id, due: dayIn(0), reason: 'The vendor sends the logs tomorrow' });
    expect(alarms.get('manager')!.filter((a) => a.id === e.id).map((a) => a.threshold)).toEqual([24, 0, 24]);
    await responder.call('actions.done', { id: e.id, note: 'Nothing unusual in the logs' });

    // First seen past both thresholds (between two sweeps): only the overdue alarm, and not to a non-owner operator.
    const f = await responder.call('actions.add', { ref, title: 'Check the backup alerts', owner: 'u-manager', due: dayIn(1) });
    v.clock.advance(48 * HOUR);
    await responder.call('actions.add', { ref, title: 'Yet another', owner: 'u-responder', due: dayIn(9) });
    expect(alarms.get('manager')!.filter((a) => a.id === f.id).map((a) => a.threshold)).toEqual([0]);
    expect(alarms.get('operator')!.filter((a) => a.id === f.id)).toEqual([]);
    expect(alarms.get('manager')!.filter((a) => a.id === e.id).map((a) => a.threshold)).toEqual([24, 0, 24]);

    const logged = (await v.admin.call('audit.list', { type: 'action.alarm', limit: 50 })).rows.filter((r) => r.data.id === e.id);
    expect(logged.map((r) => [r.actor, r.incidentRef, r.data.threshold])).toEqual([['system', ref, 24], ['system', ref, 0], ['system', ref, 24]]);
    expect((await v.admin.call('log.verify', {})).ok).toBe(true);
  });

  it('due on a date already past (back-filled work): recorded, overdue at once, and the event says so', async () => {
    const late = await client('responder').call('actions.add', { ref, title: 'Tell the insurer', owner: 'u-responder', due: dayIn(-3) });
    expect(late).toMatchObject({ due: dayIn(-3), status: 'open', overdue: true });
    const [added] = (await v.admin.call('audit.list', { type: 'action.added', limit: 1 })).rows;
    expect(added!.data).toMatchObject({ id: late.id, due: dayIn(-3), overdue: true });
    // Due today is not overdue until today has ended.
    expect(await client('responder').call('actions.add', { ref, title: 'Call the insurer back', owner: 'u-responder', due: dayIn(0) })).toMatchObject({ due: dayIn(0), overdue: false });
  });
});
