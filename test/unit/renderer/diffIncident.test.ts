import { describe, expect, it } from 'vitest';
import type { Incident, IncidentFields } from '../../../contract';
import { diffIncident } from '../../../renderer/lib/diffIncident';

const ORIGINAL: Incident = {
  ref: 'IR-2026-0007',
  status: 'triaged',
  createdAt: '2026-03-01T08:00:00.000Z',
  createdBy: 'alice',
  updatedAt: '2026-03-01T09:00:00.000Z',
  redacted: [],
  title: 'Phishing wave',
  summary: '',
  category: 'phishing',
  severity: 'SEV3',
  owner: null,
  tags: ['mail', 'finance'],
  startedAt: null,
  exercise: false,
  highestSeverity: 'SEV3',
  detectedAt: '2026-03-01T07:55:00.000Z',
  triagedAt: '2026-03-01T09:00:00.000Z',
  containedAt: null,
  eradicatedAt: null,
  recoveredAt: null,
  closedAt: null,
  dataCategories: ['contact'],
  affected: [{ jurisdiction: 'DE', count: 12 }],
  reporterName: 'Rita Reporter',
  reporterEmail: 'rita@example.com',
  reporterPhone: null,
  affectedPeople: [],
  phases: [],
};

/** The form's draft: every editable field, as the edit form builds it from the incident. */
function draftOf(incident: Incident): IncidentFields {
  const { ref: _ref, status: _status, createdAt: _c, createdBy: _b, updatedAt: _u, redacted: _r, phases: _p, ...fields } = incident;
  return structuredClone(fields);
}

describe('diffIncident', () => {
  it('is empty when nothing changed', () => {
    expect(diffIncident(ORIGINAL, draftOf(ORIGINAL))).toEqual({});
  });

  it('returns only the changed fields, with their new values', () => {
    const draft = { ...draftOf(ORIGINAL), title: 'Phishing wave against payroll', severity: 'SEV2' as const, owner: 'bob' };
    expect(diffIncident(ORIGINAL, draft)).toEqual({ title: 'Phishing wave against payroll', severity: 'SEV2', owner: 'bob' });
  });

  it('compares lists and nested records by value', () => {
    const same = draftOf(ORIGINAL);
    same.tags = ['mail', 'finance'];
    same.affected = [{ jurisdiction: 'DE', count: 12 }];
    expect(diffIncident(ORIGINAL, same)).toEqual({});

    const reordered = { ...draftOf(ORIGINAL), tags: ['finance', 'mail'], affected: [{ jurisdiction: 'DE', count: 13 }] };
    expect(diffIncident(ORIGINAL, reordered)).toEqual({ tags: ['finance', 'mail'], affected: [{ jurisdiction: 'DE', count: 13 }] });
  });

  it('reads an alias as the code it is saved as: UK over a stored GB is no change, UK over DE is, sent as typed', () => {
    const gb = { ...ORIGINAL, affected: [{ jurisdiction: 'GB', count: 85 }] };
    expect(diffIncident(gb, { ...draftOf(gb), affected: [{ jurisdiction: 'UK', count: 85 }] })).toEqual({});
    expect(diffIncident(ORIGINAL, { ...draftOf(ORIGINAL), affected: [{ jurisdiction: 'UK', count: 85 }] })).toEqual({ affected: [{ jurisdiction: 'UK', count: 85 }] });
  });

  it('treats clearing a field as a change (value to null, list to empty)', () => {
    const draft = { ...draftOf(ORIGINAL), triagedAt: null, dataCategories: [], reporterName: null };
    expect(diffIncident(ORIGINAL, draft)).toEqual({ triagedAt: null, dataCategories: [], reporterName: null });
  });

  it('never sends fields withheld from the caller, whatever the draft holds for them', () => {
    const masked: Incident = { ...ORIGINAL, reporterName: null, reporterEmail: null, redacted: ['reporterName', 'reporterEmail', 'reporterPhone', 'affectedPeople'] };
    const draft = { ...draftOf(masked), reporterName: '', reporterEmail: 'x@example.com', affectedPeople: ['Ann'], summary: 'Seen by a manager' };
    expect(diffIncident(masked, draft)).toEqual({ summary: 'Seen by a manager' });
  });
});
