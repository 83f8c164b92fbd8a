import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PII_FIELDS, type Role, type TimelineEvent } from '../../../contract';
import type { TestClient } from '../../helpers/client';
import { createTestVault, type TestVault } from '../../helpers/testVault';

const PII = {
  reporterName: 'Zelda Quill',
  reporterEmail: 'zelda.quill@example.org',
  reporterPhone: '+44 20 7946 0958',
  affectedPeople: ['Ingrid Ostrova', 'Tomasz Wielki'],
};
const NEW_EMAIL = 'z.quill@example.net';
const PII_STRINGS = [...Object.values(PII).flat(), NEW_EMAIL];

let v: TestVault;
let ref: string;
const as = new Map<Role, TestClient>();

beforeAll(async () => {
  v = await createTestVault();
  as.set('admin', v.admin);
  for (const role of ['responder', 'legal', 'manager', 'auditor', 'backup-operator'] as const) as.set(role, await v.addUser(`u-${role}`, role));
  const responder = as.get('responder')!;
  ref = (await responder.call('incidents.create', { title: 'Lost laptop with HR files', severity: 'SEV2', category: 'lost-device', ...PII })).ref;
  await responder.call('incidents.update', { ref, patch: { reporterEmail: NEW_EMAIL, title: 'Lost laptop with HR records' } });
});
afterAll(() => v.dispose());

const client = (role: Role) => as.get(role)!;
const byType = (events: TimelineEvent[], type: string) => events.find((e) => e.type === type)!;

describe('personal data is masked for roles without pii:read', () => {
  it.each(['manager', 'auditor', 'backup-operator'] as const)('%s: incidents.get withholds the PII fields and says so', async (role) => {
    const i = await client(role).call('incidents.get', { ref });
    expect(i).toMatchObject({ reporterName: null, reporterEmail: null, reporterPhone: null, affectedPeople: [], title: 'Lost laptop with HR records' });
    expect([...i.redacted].sort()).toEqual([...PII_FIELDS].sort());
    for (const s of PII_STRINGS) expect(JSON.stringify(i)).not.toContain(s);
  });

  it.each(['responder', 'legal', 'admin'] as const)('%s: incidents.get shows them', async (role) => {
    const i = await client(role).call('incidents.get', { ref });
    expect(i).toMatchObject({ ...PII, reporterEmail: NEW_EMAIL, redacted: [] });
  });

  it.each(['manager', 'auditor', 'backup-operator'] as const)('%s: timeline.forIncident masks PII in incident.created and PII field changes', async (role) => {
    const events = await client(role).call('timeline.forIncident', { ref });
    for (const s of PII_STRINGS) expect(JSON.stringify(events)).not.toContain(s);

    const created = byType(events, 'incident.created');
    const fields = created.data.fields as Record<string, unknown>;
    expect(fields).toMatchObject({ reporterName: null, reporterEmail: null, reporterPhone: null, affectedPeople: null, title: 'Lost laptop with HR files' });
    expect([...(created.data.redacted as string[])].sort()).toEqual([...PII_FIELDS].sort());

    const updated = byType(events, 'incident.updated');
    const changes = updated.data.changes as unknown[];
    expect(changes).toHaveLength(2);
    expect(changes).toContainEqual({ field: 'reporterEmail', before: null, after: null, redacted: true });
    expect(changes).toContainEqual({ field: 'title', before: 'Lost laptop with HR files', after: 'Lost laptop with HR records' });
    // Masking changes what is shown, not the chain: the hash is the stored one.
    const full = await client('admin').call('timeline.forIncident', { ref });
    expect(events.map((e) => [e.seq, e.hash])).toEqual(full.map((e) => [e.seq, e.hash]));
  });

  it('responder: timeline.forIncident shows the values before and after', async () => {
    const events = await client('responder').call('timeline.forIncident', { ref });
    expect(byType(events, 'incident.created').data.fields).toMatchObject(PII);
    expect(byType(events, 'incident.updated').data.changes).toContainEqual({ field: 'reporterEmail', before: PII.reporterEmail, after: NEW_EMAIL });
  });

  it('auditor: audit.list masks the same events; admin sees them', async () => {
    const masked = await client('auditor').call('audit.list', { limit: 500 });
    const mine = masked.rows.filter((e) => e.incidentRef === ref);
    expect(mine.length).toBeGreaterThanOrEqual(2);
    for (const s of PII_STRINGS) expect(JSON.stringify(masked)).not.toContain(s);
    expect(byType(mine, 'incident.updated').data.changes).toContainEqual({ field: 'reporterEmail', before: null, after: null, redacted: true });

    const full = await client('admin').call('audit.list', { limit: 500 });
    expect(JSON.stringify(full)).toContain(NEW_EMAIL);
  });
});
