import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../contract';
import type { TestClient } from '../../helpers/client';
import { driveRun, type Crew } from '../../helpers/driveRun';
import { createTestVault, type TestVault } from '../../helpers/testVault';

const BUILTINS = readdirSync(join(import.meta.dirname, '../../../runbooks')).filter((n) => n.endsWith('.yaml')).map((n) => n.replace(/\.yaml$/, ''));

let v: TestVault;
let crew: Crew;

beforeAll(async () => {
  v = await createTestVault();
  const approvers = {} as Record<Role, [TestClient, TestClient]>;
  for (const role of ROLES) {
    const pair: TestClient[] = [];
    for (const n of ['a', 'b']) pair.push(role === 'admin' && n === 'a' ? v.admin : await v.addUser(`${role.replace('-', '')}${n}`, role));
    approvers[role] = pair as [TestClient, TestClient];
  }
  crew = { doer: await v.addUser('doer', 'responder'), approvers, now: () => v.clock.iso() };
});
afterAll(() => v.dispose());

describe('every built-in runbook can be worked to completion', () => {
  it('there are built-ins to check', () => expect(BUILTINS.length).toBeGreaterThanOrEqual(5));

  describe.each(BUILTINS)('%s', (id) => {
    it.each(['first', 'last'] as const)('taking the %s answer at every decision, on a SEV1 incident of its first category', async (policy) => {
      const listed = (await v.admin.call('runbooks.list', {})).find((r) => r.id === id);
      expect(listed?.problems).toEqual([]);
      const category = listed?.appliesTo?.categories[0] ?? 'other';
      const ref = (await v.admin.call('incidents.create', { title: `${id} drill`, severity: 'SEV1', category })).ref;
      const run = await crew.doer.call('runs.start', { ref, runbookId: id });
      const { run: done, actions } = await driveRun(crew, run, policy);
      expect(done.completedAt).not.toBeNull();
      expect(actions).toBeGreaterThan(3);
      expect(done.steps.filter((s) => s.state === 'done').length).toBeGreaterThan(3);
      // Every transition a person made is in the incident's timeline.
      const events = await v.admin.call('timeline.forIncident', { ref });
      const stepEvents = events.filter((e) => e.type === 'runbook.step_done' || e.type === 'runbook.step_approved');
      expect(stepEvents.length).toBe(done.history.filter((h) => h.kind === 'done' || h.kind === 'approve').length);
      expect(events.at(-1)?.type).toBe('runbook.completed');
    });
  });

  it('the chain verifies after all of it', async () => {
    expect(await v.admin.call('log.verify', {})).toMatchObject({ ok: true });
  });
});
