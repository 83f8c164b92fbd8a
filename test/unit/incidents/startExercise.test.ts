import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFailure } from '../../helpers/client';
import { createTestVault, type TestVault } from '../../helpers/testVault';

/**
 * The fields the metrics need (issue 12 §1): when the compromise began (`startedAt`, may be
 * unknown), whether an incident is an exercise, and the highest severity it reached. The start
 * is ordered before detection like the phase times: refused with the pair named, or kept with a
 * logged reason.
 */
let v: TestVault;
beforeAll(async () => {
  v = await createTestVault({ idleTimeoutMs: 10 * 365 * 24 * 3600_000 });
});
afterAll(() => v.dispose());

const HOUR = 3600_000;
const head = async () => (await v.admin.call('log.verify', {})).head;

describe('startedAt', () => {
  it('defaults to unknown, can be given at creation and corrected with before/after in the log', async () => {
    const plain = await v.admin.call('incidents.create', { title: 'No start known', severity: 'SEV3', category: 'phishing' });
    expect(plain).toMatchObject({ startedAt: null, exercise: false, highestSeverity: 'SEV3' });

    const detectedAt = v.clock.iso();
    const startedAt = new Date(Date.parse(detectedAt) - 3 * 24 * HOUR).toISOString();
    const i = await v.admin.call('incidents.create', { title: 'Dwell time of three days', severity: 'SEV2', category: 'malware', startedAt, detectedAt });
    expect(i.startedAt).toBe(startedAt);

    const earlier = new Date(Date.parse(startedAt) - 24 * HOUR).toISOString();
    await v.admin.call('incidents.update', { ref: i.ref, patch: { startedAt: earlier } });
    const event = (await v.admin.call('timeline.forIncident', { ref: i.ref })).at(-1)!;
    expect(event.type).toBe('incident.updated');
    expect(event.data.changes).toEqual([{ field: 'startedAt', before: startedAt, after: earlier }]);

    // The start is an estimate: it may become unknown again, unlike a phase the incident has reached.
    expect((await v.admin.call('incidents.update', { ref: i.ref, patch: { startedAt: null } })).startedAt).toBeNull();
  });

  it('after detection is refused with the pair named, and nothing changes', async () => {
    const i = await v.admin.call('incidents.create', { title: 'Start after detection', severity: 'SEV2', category: 'malware' });
    const late = new Date(Date.parse(i.detectedAt) + HOUR).toISOString();
    const before = { incident: await v.admin.call('incidents.get', { ref: i.ref }), head: await head() };
    const err = expectFailure(await v.admin.attempt('incidents.update', { ref: i.ref, patch: { startedAt: late } }), 'VALIDATION');
    expect(err.message).toMatch(/^phase times out of order: detected .* UTC is before started .* UTC; correct the time, or override with a reason$/);
    expect(err.issues).toEqual([expect.stringMatching(/^startedAt: detected .* is before started/)]);
    expect(err.timeOrder).toEqual([{ later: 'detected', laterAt: i.detectedAt, earlier: 'started', earlierAt: late }]);
    expect({ incident: await v.admin.call('incidents.get', { ref: i.ref }), head: await head() }).toEqual(before);

    const created = expectFailure(
      await v.admin.attempt('incidents.create', { title: 'Born out of order', severity: 'SEV4', category: 'other', startedAt: late, detectedAt: i.detectedAt }),
      'VALIDATION',
    );
    expect(created.timeOrder?.[0]).toMatchObject({ later: 'detected', earlier: 'started' });
  });

  it('an override with a reason keeps the time and records the pair and the reason', async () => {
    const i = await v.admin.call('incidents.create', { title: 'Clock skew on the sensor', severity: 'SEV3', category: 'other' });
    const late = new Date(Date.parse(i.detectedAt) + HOUR).toISOString();
    const kept = await v.admin.call('incidents.update', { ref: i.ref, patch: { startedAt: late }, overrideTimeOrder: 'The sensor clock ran an hour fast' });
    expect(kept.startedAt).toBe(late);
    const event = (await v.admin.call('timeline.forIncident', { ref: i.ref })).at(-1)!;
    expect(event.data.timeOrderOverride).toEqual({
      reason: 'The sensor clock ran an hour fast',
      conflicts: [{ later: 'detected', laterAt: i.detectedAt, earlier: 'started', earlierAt: late }],
    });
  });
});

describe('exercise', () => {
  it('is stored, listed and changed with before/after in the log', async () => {
    const i = await v.admin.call('incidents.create', { title: 'Tabletop: ransomware on the file server', severity: 'SEV1', category: 'ransomware', exercise: true });
    expect(i.exercise).toBe(true);
    const row = (await v.admin.call('incidents.list', { text: 'Tabletop' })).rows[0]!;
    expect(row).toMatchObject({ ref: i.ref, exercise: true });
    await v.admin.call('incidents.update', { ref: i.ref, patch: { exercise: false } });
    const event = (await v.admin.call('timeline.forIncident', { ref: i.ref })).at(-1)!;
    expect(event.data.changes).toEqual([{ field: 'exercise', before: true, after: false }]);
    expect((await v.admin.call('incidents.list', { text: 'Tabletop' })).rows[0]).toMatchObject({ exercise: false });
  });
});

describe('highestSeverity', () => {
  it('rises with the severity and stays when the severity is lowered', async () => {
    const i = await v.admin.call('incidents.create', { title: 'Escalates then calms', severity: 'SEV3', category: 'ddos' });
    expect((await v.admin.call('incidents.update', { ref: i.ref, patch: { severity: 'SEV1' } })).highestSeverity).toBe('SEV1');
    const calmed = await v.admin.call('incidents.update', { ref: i.ref, patch: { severity: 'SEV4' } });
    expect(calmed).toMatchObject({ severity: 'SEV4', highestSeverity: 'SEV1' });
    // Derivable from the log: the created event's severity and every change's before and after.
    const events = await v.admin.call('timeline.forIncident', { ref: i.ref });
    const seen = events.flatMap((e) =>
      e.type === 'incident.created'
        ? [(e.data.fields as { severity: string }).severity]
        : ((e.data.changes as { field: string; after: string }[] | undefined) ?? []).filter((c) => c.field === 'severity').map((c) => c.after),
    );
    expect(seen.sort()[0]).toBe('SEV1');
  });
});
