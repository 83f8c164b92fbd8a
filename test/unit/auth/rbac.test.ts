import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  METHOD_NAMES, ROLE_PERMISSIONS, ROLES, methods, type MethodInput, type MethodName, type Role,
} from '../../../contract';
import { connect, expectFailure, type TestClient } from '../../helpers/client';
import { sampleInputs } from '../../helpers/sampleInputs';
import { createTestVault, type TestVault } from '../../helpers/testVault';

const PROBED = [
  'incidents.list', 'incidents.create', 'incidents.update', 'incidents.addNote', 'users.add', 'users.list',
  'audit.list', 'log.verify', 'vault.exportKey', 'evidence.add', 'evidence.get',
  'runs.start', 'runs.approve', 'runbooks.import',
  'reviews.get', 'reviews.save', 'reviews.signOff', 'timeline.star', 'actions.add', 'kpis.get',
] as const satisfies readonly MethodName[];
type Probed = (typeof PROBED)[number];

/** What contract/roles.ts says: a method is allowed if its access is public/session or the role has the permission. */
function allowedByContract(role: Role, method: MethodName): boolean {
  const access = methods[method].access;
  return access === 'public' || access === 'session' || ROLE_PERMISSIONS[role].includes(access);
}

/**
 * The same table written out by hand, so that a wrong edit to ROLE_PERMISSIONS (or to a method's
 * access) fails here instead of silently changing who may do what.
 */
const EXPECTED: Record<Role, readonly Probed[]> = {
  admin: PROBED,
  responder: [
    'incidents.list', 'incidents.create', 'incidents.update', 'incidents.addNote', 'log.verify', 'evidence.add', 'evidence.get', 'runs.start', 'runs.approve',
    'reviews.get', 'reviews.save', 'timeline.star', 'actions.add', 'kpis.get',
  ],
  // The KPIs are for the people who review what happened; backup operators see their own health on Backups.
  'backup-operator': ['incidents.list', 'incidents.addNote', 'log.verify', 'evidence.add', 'runs.start', 'runs.approve', 'actions.add'],
  legal: ['incidents.list', 'incidents.addNote', 'log.verify', 'evidence.get', 'runs.approve', 'reviews.get', 'actions.add', 'kpis.get'],
  manager: ['incidents.list', 'log.verify', 'runs.approve', 'reviews.get', 'reviews.save', 'reviews.signOff', 'timeline.star', 'actions.add', 'kpis.get'],
  auditor: ['incidents.list', 'audit.list', 'log.verify', 'evidence.get', 'reviews.get', 'kpis.get'],
};

const userOf = (role: Role) => (role === 'admin' ? 'admin' : `u-${role}`);

let v: TestVault;
let ref: string;
let evidenceId: string;
/** Per role: an incident to start a run on, and a run whose only step is an approval. */
const startRef = new Map<Role, string>();
const approvalRun = new Map<Role, string>();
/** Per role: an incident with no review yet (to save version 1), one whose review has version 1 (to sign off), a note to star. */
const reviewRef = new Map<Role, string>();
const signOffRef = new Map<Role, string>();
const noteSeq = new Map<Role, number>();
const approvalRunbook = (id: string) => `format: 1
id: ${id}
title: One approval
version: 1.0.0
summary: A single approval step, to probe who may approve.
appliesTo: { categories: [other], severityAtLeast: SEV4 }
sources: [{ title: Test }]
steps:
  - { id: approve, kind: approval, title: Approve, phase: { csf: Respond, picerl: Containment } }
`;
const clients = new Map<Role, TestClient>();

beforeAll(async () => {
  v = await createTestVault();
  clients.set('admin', v.admin);
  for (const role of ROLES) if (role !== 'admin') clients.set(role, await v.addUser(userOf(role), role));
  ref = (await v.admin.call('incidents.create', { title: 'RBAC target', severity: 'SEV2', category: 'malware' })).ref;
  evidenceId = (await v.admin.call('evidence.add', { ref, name: 'log.txt', dataBase64: Buffer.from('evidence').toString('base64') })).id;
  await v.admin.call('runbooks.import', { name: 'rbac-approval.yaml', text: approvalRunbook('rbac-approval') });
  for (const role of ROLES) {
    startRef.set(role, (await v.admin.call('incidents.create', { title: `Start target for ${role}`, severity: 'SEV3', category: 'other' })).ref);
    const target = (await v.admin.call('incidents.create', { title: `Approval target for ${role}`, severity: 'SEV3', category: 'other' })).ref;
    approvalRun.set(role, (await v.admin.call('runs.start', { ref: target, runbookId: 'rbac-approval' })).id);
    reviewRef.set(role, (await v.admin.call('incidents.create', { title: `Review target for ${role}`, severity: 'SEV3', category: 'other' })).ref);
    const signed = (await v.admin.call('incidents.create', { title: `Sign-off target for ${role}`, severity: 'SEV3', category: 'other' })).ref;
    await v.admin.call('reviews.save', { ref: signed, baseVersion: 0, sections: { summary: 'Reviewed.' } });
    signOffRef.set(role, signed);
    noteSeq.set(role, (await v.admin.call('incidents.addNote', { ref, text: `A key moment for ${role}` })).seq);
  }
});
afterAll(() => v.dispose());

function inputFor(role: Role, method: Probed): MethodInput<Probed> {
  const base = sampleInputs({ ref, evidenceId, newUser: `new-${role}` });
  if (method === 'incidents.update') return { ref, patch: { summary: `edited by ${role}` } };
  if (method === 'runs.start') return { ref: startRef.get(role)!, runbookId: 'rbac-approval' };
  if (method === 'runs.approve') return { runId: approvalRun.get(role)!, step: 'approve' };
  if (method === 'runbooks.import') return { name: `probe-${role}.yaml`, text: approvalRunbook(`probe-${role}`) };
  if (method === 'reviews.get') return { ref };
  if (method === 'reviews.save') return { ref: reviewRef.get(role)!, baseVersion: 0, sections: { rootCause: `Written by ${role}` } };
  if (method === 'reviews.signOff') return { ref: signOffRef.get(role)!, version: 1 };
  if (method === 'timeline.star') return { seq: noteSeq.get(role)!, starred: true };
  if (method === 'actions.add') return { ref, title: `Follow-up by ${role}`, owner: 'admin', due: '2099-01-01' };
  return base[method];
}

describe('role × method authorization', () => {
  it('the hand-written expectations agree with ROLE_PERMISSIONS', () => {
    for (const role of ROLES) {
      expect(PROBED.filter((m) => allowedByContract(role, m)), role).toEqual(EXPECTED[role]);
    }
  });

  it('key rules hold in the contract table', () => {
    expect(allowedByContract('manager', 'incidents.update')).toBe(false);
    expect(allowedByContract('auditor', 'audit.list')).toBe(true);
    expect(allowedByContract('responder', 'users.add')).toBe(false);
    expect(allowedByContract('backup-operator', 'evidence.get')).toBe(false);
    expect(allowedByContract('auditor', 'vault.exportKey')).toBe(false);
    expect(allowedByContract('legal', 'incidents.update')).toBe(false);
    expect(allowedByContract('manager', 'kpis.get')).toBe(true);
    expect(allowedByContract('backup-operator', 'kpis.get')).toBe(false);
    // Who may read the backups (issue 13): recipients, the database in a plan and its restore are the administrator's.
    for (const role of ROLES) {
      expect(allowedByContract(role, 'backups.plans.setRecipients'), role).toBe(role === 'admin');
      expect(allowedByContract(role, 'backups.plans.approve'), role).toBe(role === 'admin');
      for (const p of ['backup:recipients', 'backup:include-database', 'backup:restore-database'] as const) expect(ROLE_PERMISSIONS[role].includes(p), `${role} ${p}`).toBe(role === 'admin');
    }
  });

  describe.each(ROLES)('%s', (role) => {
    it.each(PROBED)(`%s is allowed or FORBIDDEN as the table says`, async (method) => {
      const client = clients.get(role)!;
      const r = await client.raw(method, inputFor(role, method));
      if (EXPECTED[role].includes(method)) {
        expect(r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`).toBe('ok');
        return;
      }
      const err = expectFailure(r, 'FORBIDDEN');
      expect(err.message).toContain(methods[method].access);
      // The refusal itself is on the record.
      const denied = await v.admin.call('audit.list', { type: 'auth.denied', limit: 1 });
      expect(denied.rows[0]).toMatchObject({ actor: userOf(role), data: { method, needs: methods[method].access, role } });
    });
  });

  it('a FORBIDDEN update changes nothing', async () => {
    const before = await v.admin.call('incidents.get', { ref });
    const manager = clients.get('manager')!;
    expectFailure(await manager.attempt('incidents.update', { ref, patch: { title: 'Hijacked title' } }), 'FORBIDDEN');
    expectFailure(await manager.attempt('incidents.setStatus', { ref, status: 'closed' }), 'FORBIDDEN');
    expect(await v.admin.call('incidents.get', { ref })).toEqual(before);
  });

  it('without a session every non-public method is UNAUTHENTICATED, while unlocked and while locked', async () => {
    const inputs = sampleInputs({ ref, evidenceId });
    const guarded = METHOD_NAMES.filter((m) => methods[m].access !== 'public');
    expect(guarded.length).toBeGreaterThan(15);
    const anonymous = connect(v.backend);
    for (const m of guarded) {
      const r = await anonymous.raw(m, inputs[m]);
      expect(r.ok ? 'ok' : r.error.code, m).toBe('UNAUTHENTICATED');
    }
    const head = await v.admin.call('log.verify', {});

    const locked = await createTestVault();
    try {
      await locked.admin.call('auth.logout', {});
      const c = connect(locked.backend);
      for (const m of guarded) {
        const r = await c.raw(m, inputs[m]);
        expect(r.ok ? 'ok' : r.error.code, m).toBe('UNAUTHENTICATED');
      }
    } finally {
      locked.dispose();
    }
    // Anonymous calls are not audited one by one: nothing was appended.
    expect(await v.admin.call('log.verify', {})).toEqual(head);
  });

  it('public methods answer without a session', async () => {
    const c = connect(v.backend);
    expect(await c.call('vault.status', {})).toMatchObject({ initialized: true });
    expect(await c.call('auth.session', {})).toBeNull();
  });
});
