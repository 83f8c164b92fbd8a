import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident, TimelineEvent } from '../../../contract';
import { expectFailure } from '../../helpers/client';
import { ADMIN, createTestVault, type TestVault } from '../../helpers/testVault';

let v: TestVault;
beforeEach(async () => {
  v = await createTestVault({ idleTimeoutMs: 10 * 365 * 24 * 3600_000 });
});
afterEach(() => v.dispose());

const HOUR = 3600_000;
const create = (title = 'Suspicious login burst') => v.admin.call('incidents.create', { title, severity: 'SEV3', category: 'account-takeover' });
const head = async () => (await v.admin.call('log.verify', {})).head;
const timeline = (ref: string) => v.admin.call('timeline.forIncident', { ref });
const last = (events: TimelineEvent[]) => events.at(-1)!;

describe('incidents.create', () => {
  it('numbers references IR-<year>-NNNN, sequential within the year of creation', async () => {
    v.clock.ms = Date.UTC(2026, 11, 31, 23, 0);
    const a = await create();
    const b = await create();
    expect([a.ref, b.ref]).toEqual(['IR-2026-0001', 'IR-2026-0002']);
    expect(a).toMatchObject<Partial<Incident>>({
      status: 'detected', createdBy: ADMIN, createdAt: v.clock.iso(), updatedAt: v.clock.iso(), detectedAt: v.clock.iso(),
      owner: null, tags: [], redacted: [], triagedAt: null, closedAt: null,
    });
    v.clock.advance(2 * HOUR);
    expect((await create()).ref).toBe('IR-2027-0001');
    // Detection date does not decide the year: creation does, so numbers never repeat.
    const old = await v.admin.call('incidents.create', { title: 'Found late', severity: 'SEV4', category: 'other', detectedAt: '2025-06-01T10:00:00Z' });
    expect(old.ref).toBe('IR-2027-0002');
    expect(old.detectedAt).toBe('2025-06-01T10:00:00Z');
  });

  it('records incident.created with every field', async () => {
    const i = await v.admin.call('incidents.create', {
      title: 'Card data exposure', severity: 'SEV1', category: 'data-breach', tags: ['pci'], dataCategories: ['payment-card'],
      affected: [{ jurisdiction: 'US-CA', count: 1200 }],
    });
    const e = last(await timeline(i.ref));
    expect(e).toMatchObject({ type: 'incident.created', actor: ADMIN, incidentRef: i.ref, ts: v.clock.iso() });
    expect(e.data.fields).toMatchObject({ title: 'Card data exposure', severity: 'SEV1', tags: ['pci'], affected: [{ jurisdiction: 'US-CA', count: 1200 }] });
  });

  it('refuses an owner who is not a user, without using up a number', async () => {
    const err = expectFailure(await v.admin.attempt('incidents.create', { title: 'Orphan', severity: 'SEV3', category: 'other', owner: 'ghost' }), 'VALIDATION');
    expect(err.issues).toEqual(['owner: no user named ghost']);
    expect((await v.admin.call('incidents.list', {})).total).toBe(0);
    await v.admin.call('users.add', { name: 'olga', role: 'responder', passphrase: 'Kettle-8 owls and 2 cats' });
    const owned = await v.admin.call('incidents.create', { title: 'Owned', severity: 'SEV3', category: 'other', owner: 'olga' });
    expect(owned).toMatchObject({ ref: 'IR-2026-0001', owner: 'olga' });
  });
});

describe('incidents.update', () => {
  it('records each change with before and after, and stamps updatedAt', async () => {
    const i = await create();
    v.clock.advance(HOUR);
    const u = await v.admin.call('incidents.update', { ref: i.ref, patch: { title: 'Credential stuffing', severity: 'SEV2', tags: ['vpn', 'mfa'], summary: '' } });
    expect(u).toMatchObject({ title: 'Credential stuffing', severity: 'SEV2', tags: ['vpn', 'mfa'], updatedAt: v.clock.iso(), createdAt: i.createdAt });
    const e = last(await timeline(i.ref));
    expect(e.type).toBe('incident.updated');
    // summary was '' already: not a change.
    expect(e.data.changes).toEqual([
      { field: 'title', before: 'Suspicious login burst', after: 'Credential stuffing' },
      { field: 'severity', before: 'SEV3', after: 'SEV2' },
      { field: 'tags', before: [], after: ['vpn', 'mfa'] },
    ]);
  });

  it('a patch that changes nothing records nothing and keeps updatedAt', async () => {
    const i = await create();
    const before = await head();
    v.clock.advance(HOUR);
    const same = await v.admin.call('incidents.update', { ref: i.ref, patch: { title: i.title, severity: i.severity, tags: [] } });
    expect(same).toEqual(i);
    await v.admin.call('incidents.update', { ref: i.ref, patch: {} });
    expect(await head()).toEqual(before);
  });

  it('checks the owner and the reference', async () => {
    const i = await create();
    expectFailure(await v.admin.attempt('incidents.update', { ref: i.ref, patch: { owner: 'ghost' } }), 'VALIDATION');
    expect((await v.admin.call('incidents.update', { ref: i.ref, patch: { owner: ADMIN } })).owner).toBe(ADMIN);
    expect((await v.admin.call('incidents.update', { ref: i.ref, patch: { owner: null } })).owner).toBeNull();
    expectFailure(await v.admin.attempt('incidents.update', { ref: 'IR-2026-0999', patch: { title: 'Nope' } }), 'NOT_FOUND');
    expectFailure(await v.admin.attempt('incidents.get', { ref: 'IR-2026-0999' }), 'NOT_FOUND');
  });
});

describe('incidents.setStatus', () => {
  it('stamps each phase timestamp the first time the phase is reached', async () => {
    const i = await create();
    const at: Record<string, string> = {};
    const move = async (status: 'triaged' | 'contained' | 'recovered' | 'closed', skipPhases?: boolean) => {
      v.clock.advance(HOUR);
      at[status] = v.clock.iso();
      return v.admin.call('incidents.setStatus', { ref: i.ref, status, ...(skipPhases ? { skipPhases } : {}) });
    };
    expect(await move('triaged')).toMatchObject({ status: 'triaged', triagedAt: at.triaged, containedAt: null });
    expect(await move('contained')).toMatchObject({ status: 'contained', containedAt: at.contained });
    // Passing over eradication is allowed when the caller says so; its timestamp stays empty (test/unit/incidents/phases.test.ts).
    expect(await move('recovered', true)).toMatchObject({ status: 'recovered', recoveredAt: at.recovered, eradicatedAt: null });
    const closed = await move('closed');
    expect(closed).toMatchObject({ status: 'closed', closedAt: at.closed, triagedAt: at.triaged, containedAt: at.contained, updatedAt: at.closed });
    expect(last(await timeline(i.ref)).data).toEqual({ from: 'recovered', to: 'closed', stamped: { closedAt: at.closed } });
  });

  it('moving back needs a reason and sets the later phases\' times aside as superseded', async () => {
    const i = await create();
    await v.admin.call('incidents.setStatus', { ref: i.ref, status: 'contained', skipPhases: true });
    v.clock.advance(HOUR);
    const closed = await v.admin.call('incidents.setStatus', { ref: i.ref, status: 'closed', skipPhases: true });
    const before = await head();
    const err = expectFailure(await v.admin.attempt('incidents.setStatus', { ref: i.ref, status: 'contained' }), 'VALIDATION');
    expect(err.issues).toEqual(['reason: required when moving back a phase']);
    expectFailure(await v.admin.attempt('incidents.setStatus', { ref: i.ref, status: 'contained', reason: '   ' }), 'VALIDATION');
    expect(await v.admin.call('incidents.get', { ref: i.ref })).toEqual(closed);
    expect(await head()).toEqual(before);

    v.clock.advance(HOUR);
    const reopened = await v.admin.call('incidents.setStatus', { ref: i.ref, status: 'contained', reason: 'Attacker came back' });
    expect(reopened).toMatchObject({ status: 'contained', containedAt: closed.containedAt, closedAt: null });
    expect(last(await timeline(i.ref)).data).toEqual({ from: 'closed', to: 'contained', reason: 'Attacker came back', superseded: { closedAt: closed.closedAt } });
  });

  it('a move to the same status is a CONFLICT and records nothing', async () => {
    const i = await create();
    const before = await head();
    expectFailure(await v.admin.attempt('incidents.setStatus', { ref: i.ref, status: 'detected' }), 'CONFLICT');
    expect(await head()).toEqual(before);
  });

  it('keeps a phase timestamp that was entered by hand', async () => {
    const i = await v.admin.call('incidents.create', {
      title: 'Contained before logging', severity: 'SEV2', category: 'malware', detectedAt: '2026-03-01T07:00:00Z', containedAt: '2026-03-01T08:00:00Z',
    });
    const c = await v.admin.call('incidents.setStatus', { ref: i.ref, status: 'contained', skipPhases: true });
    expect(c.containedAt).toBe('2026-03-01T08:00:00Z');
    expect(last(await timeline(i.ref)).data).toEqual({ from: 'detected', to: 'contained', skipped: ['triaged'] });
  });
});

describe('incidents.addNote', () => {
  it('appends a note event and touches updatedAt', async () => {
    const i = await create();
    v.clock.advance(HOUR);
    const e = await v.admin.call('incidents.addNote', { ref: i.ref, text: '  Blocked the IP range  ' });
    expect(e).toMatchObject({ type: 'incident.note', incidentRef: i.ref, actor: ADMIN, data: { text: 'Blocked the IP range' } });
    expect((await v.admin.call('incidents.get', { ref: i.ref })).updatedAt).toBe(v.clock.iso());
    expect(last(await timeline(i.ref)).seq).toBe(e.seq);
    expectFailure(await v.admin.attempt('incidents.addNote', { ref: 'IR-2026-0999', text: 'x' }), 'NOT_FOUND');
  });
});
