import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../../contract';
import { describeEvent, showValue } from '../../../renderer/lib/describeEvent';
import { formatDateTime } from '../../../renderer/lib/formatDateTime';

let seq = 0;
function event(type: string, data: Record<string, unknown>, incidentRef: string | null = 'IR-2026-0001'): TimelineEvent {
  seq += 1;
  return { seq, ts: '2026-03-12T10:00:00.000Z', actor: 'alice', type, incidentRef, data, prevHash: '0'.repeat(64), hash: 'f'.repeat(64) };
}

describe('showValue', () => {
  it('shows an em dash for nothing', () => {
    expect(showValue(null)).toBe('—');
    expect(showValue(undefined)).toBe('—');
    expect(showValue('')).toBe('—');
    expect(showValue([])).toBe('—');
  });

  it('keeps falsy values that mean something', () => {
    expect(showValue(0)).toBe('0');
    expect(showValue(false)).toBe('no');
    expect(showValue(true)).toBe('yes');
  });

  it('joins lists, with affected counts as jurisdiction: count', () => {
    expect(showValue(['vpn', 'finance'])).toBe('vpn, finance');
    expect(showValue([{ jurisdiction: 'DE', count: 120 }, { jurisdiction: 'US-CA', count: 3 }])).toBe('DE: 120, US-CA: 3');
  });

  it('shows ISO timestamps in local time and leaves look-alikes that are not dates alone', () => {
    const iso = '2026-03-12T10:00:00.000Z';
    expect(showValue(iso)).toBe(new Date(iso).toLocaleString());
    expect(showValue('2026-13-45T99:99')).toBe('2026-13-45T99:99');
  });

  it('falls back to JSON for objects', () => {
    expect(showValue({ a: 1 })).toBe('{"a":1}');
  });
});

describe('describeEvent', () => {
  it('describes a declared incident with its severity and humanized category', () => {
    const d = describeEvent(event('incident.created', { fields: { title: 'Ransom note on FS01', severity: 'SEV1', category: 'business-email-compromise' } }));
    expect(d).toEqual({ summary: 'Declared incident “Ransom note on FS01” (SEV1, Business email compromise)', changes: [], body: null, tone: 'status', cause: null });
  });

  it('still describes a created event whose fields are missing', () => {
    const d = describeEvent(event('incident.created', { fields: 'not a record' }));
    expect(d.summary.startsWith('Declared incident “”')).toBe(true);
    expect(d.tone).toBe('status');
  });

  it('lists each changed field with before and after, and hides redacted values', () => {
    const d = describeEvent(event('incident.updated', {
      changes: [
        { field: 'title', before: 'Ransom note', after: 'Ransomware on FS01' },
        { field: 'reporterEmail', before: null, after: null, redacted: true },
        { field: 'affected', before: [], after: [{ jurisdiction: 'FR', count: 7 }] },
      ],
    }));
    expect(d.summary).toBe('Updated title, reporter email, affected');
    expect(d.tone).toBe('neutral');
    expect(d.changes).toEqual([
      { field: 'Title', before: 'Ransom note', after: 'Ransomware on FS01', redacted: false },
      { field: 'Reporter email', before: 'Restricted', after: 'Restricted', redacted: true },
      { field: 'Affected', before: '—', after: 'FR: 7', redacted: false },
    ]);
  });

  it('shows the codes given as aliases and saved as ISO 3166 (incident and breach facts)', () => {
    const updated = describeEvent(event('incident.updated', {
      changes: [{ field: 'affected', before: [], after: [{ jurisdiction: 'GB', count: 85 }] }],
      mapped: [{ field: 'affected', from: 'UK', to: 'GB' }],
    }));
    expect(updated.body).toBe('Read as ISO 3166: UK → GB (United Kingdom)');
    const facts = describeEvent(event('notify.facts_changed', { changes: { establishedIn: { from: [], to: ['GR'] } }, mapped: [{ from: 'EL', to: 'GR' }] }));
    expect(facts.body).toBe('Read as ISO 3166: EL → GR (Greece)');
    expect(describeEvent(event('incident.created', { fields: { title: 'x' }, mapped: [{ from: 'UK', to: 'GB' }, 'junk'] })).body).toBe('Read as ISO 3166: UK → GB (United Kingdom)');
    expect(describeEvent(event('incident.updated', { changes: [] })).body).toBeNull();
  });

  it('also reads changes recorded as a map of from/to', () => {
    const d = describeEvent(event('incident.updated', { changes: { severity: { from: 'SEV3', to: 'SEV1' }, owner: { before: null, after: 'bob' } } }));
    expect(d.changes).toEqual([
      { field: 'Severity', before: 'SEV3', after: 'SEV1', redacted: false },
      { field: 'Owner', before: '—', after: 'bob', redacted: false },
    ]);
    expect(d.summary).toBe('Updated severity, owner');
  });

  it('skips malformed change entries and says "the incident" when none remain', () => {
    const d = describeEvent(event('incident.updated', { changes: [{ before: 1 }, 'title', null] }));
    expect(d.changes).toEqual([]);
    expect(d.summary).toBe('Updated the incident');
  });

  it('shows a status change, with the reason as the body when moving back', () => {
    const back = describeEvent(event('incident.status_changed', { from: 'contained', to: 'triaged', reason: 'Device still online' }));
    expect(back).toEqual({ summary: 'Moved status Contained → Triaged', changes: [], body: 'Reason: Device still online', tone: 'status', cause: null });
    expect(describeEvent(event('incident.status_changed', { from: 'detected', to: 'triaged' })).body).toBeNull();
  });

  it('puts a note’s text in the body', () => {
    expect(describeEvent(event('incident.note', { text: 'Called the user.' }))).toMatchObject({ summary: 'Added a note', body: 'Called the user.', tone: 'note' });
  });

  it('describes the custody events of evidence', () => {
    expect(describeEvent(event('evidence.added', { name: 'ransom.txt', size: 2048 }))).toMatchObject({ summary: 'Added evidence ransom.txt (2.0 KiB)', tone: 'evidence' });
    expect(describeEvent(event('evidence.added', { name: 'ransom.txt' })).summary).toBe('Added evidence ransom.txt (?)');
    expect(describeEvent(event('evidence.viewed', { name: 'a.log' })).summary).toBe('Viewed evidence a.log (hash verified)');
    expect(describeEvent(event('evidence.exported', { name: 'a.log' })).summary).toBe('Exported evidence a.log (hash verified)');
    expect(describeEvent(event('evidence.integrity_failed', { purpose: 'export' }))).toMatchObject({
      summary: 'Evidence integrity check FAILED (export)',
      tone: 'danger',
    });
  });

  it('describes other event types generically from up to four scalar data fields', () => {
    const denied = describeEvent(event('auth.denied', { method: 'vault.lock', needs: 'vault:lock', role: 'manager', n: 1, extra: 'dropped' }, null));
    expect(denied.summary).toBe('Auth denied — method: vault.lock, needs: vault:lock, role: manager, n: 1');
    expect(denied.tone).toBe('security');
    expect(describeEvent(event('vault.locked', { reason: 'idle' }, null)).summary).toBe('Vault locked — reason: idle');
    expect(describeEvent(event('mfa.enrolled', { user: 'bob' }, null)).summary).toBe('MFA enrolled — user: bob');
    // Lists and objects are not summarized.
    expect(describeEvent(event('user.added', { name: 'bob', tags: ['x'], meta: { a: 1 } }, null)).summary).toBe('User added — name: bob');
  });

  it('says why a sign-in failed, from which door, and when it was recorded late', () => {
    const failed = describeEvent(event('auth.login_failed', { user: 'bob', reason: 'passphrase', attempt: 3, transport: 'cli', recordedLate: true, pendingId: 'x' }, null));
    expect(failed).toMatchObject({ summary: 'Failed sign-in as bob: wrong passphrase, attempt 3 in a row, from the CLI (recorded at the next sign-in)', tone: 'security' });
    expect(describeEvent(event('auth.login_failed', { user: 'bob', reason: 'mfa-enrol', attempt: 1 }, null)).summary).toBe(
      'Failed sign-in as bob: wrong passphrase when enrolling an authenticator, attempt 1 in a row',
    );
    expect(describeEvent(event('auth.login_failed', { user: 'bob', reason: 'something-new' }, null)).summary).toBe('Failed sign-in as bob: something-new');
  });

  it('marks only auth, vault, user, mfa and session events as security events', () => {
    for (const type of ['auth.denied', 'vault.unlocked', 'user.role_changed', 'mfa.enrolled', 'session.ended']) {
      expect(describeEvent(event(type, {})).tone).toBe('security');
    }
    const unknown = describeEvent(event('backup.restore_checked', {}));
    expect(unknown).toEqual({ summary: 'Backup restore checked', changes: [], body: null, tone: 'neutral', cause: null });
  });

  it('reads changes in event types it does not know', () => {
    const d = describeEvent(event('user.role_changed', { name: 'mona', changes: [{ field: 'role', before: 'manager', after: 'responder' }] }, null));
    expect(d.summary).toBe('User role changed — name: mona');
    expect(d.changes).toEqual([{ field: 'Role', before: 'manager', after: 'responder', redacted: false }]);
  });
});

describe('describeEvent for guided runs', () => {
  it('names the step by its title and shows the answer or the reason', () => {
    const done = describeEvent(event('runbook.step_done', { run: 'r', runbook: 'ransomware', n: 4, title: 'Was data taken?', step: 'exfiltration', pass: 1, answer: 'no' }));
    expect(done.summary).toBe('Did step “Was data taken?” — answer no');
    expect(done.tone).toBe('status');
    const skipped = describeEvent(event('runbook.step_skipped', { runbook: 'ransomware', title: 'Disable adapters', step: 'isolate-command', reason: 'no Windows hosts' }));
    expect(skipped.summary).toBe('Skipped step “Disable adapters”');
    expect(skipped.body).toBe('Reason: no Windows hosts');
    const wrote = describeEvent(event('runbook.step_done', {
      title: 'When noticed?', step: 'record-detection', value: '2026-03-01T08:00:00.000Z',
      wrote: { field: 'detectedAt', before: null, after: '2026-03-01T08:00:00.000Z' },
    }));
    // The incident.updated event next to it shows the change.
    expect(wrote.summary).toBe('Did step “When noticed?”');
    expect(wrote.changes).toEqual([]);
  });

  it('says why a personal answer is not shown: hidden from the role, sealed in this session, or erased', () => {
    const answer = (data: Record<string, unknown>) => describeEvent(event('runbook.step_done', { run: 'r', title: 'Who clicked?', step: 'who', personal: true, ...data })).summary;
    expect(answer({ value: 'Ada Example' })).toBe('Did step “Who clicked?” — Ada Example');
    expect(answer({ value: null, redacted: ['value'] })).toBe('Did step “Who clicked?” — personal data hidden');
    expect(answer({ value: null, personalData: 'withheld' })).toBe('Did step “Who clicked?” — personal data sealed (the key is not open in this session)');
    expect(answer({ value: null, personalData: 'erased' })).toBe('Did step “Who clicked?” — personal data erased');
  });

  it('falls back to the step id, and to the generic text for a runbook event it does not know', () => {
    expect(describeEvent(event('runbook.step_available', { step: 'isolate' })).summary).toBe('Step “isolate” can be done now');
    expect(describeEvent(event('runbook.something_new', { runbook: 'ransomware' })).summary).toBe('Runbook something new — ransomware');
  });
});

describe('describeEvent for consequences the system recorded', () => {
  const sys = (type: string, data: Record<string, unknown>): TimelineEvent => ({ ...event(type, data), actor: 'system' });

  it('names the person\'s action a consequence followed from', () => {
    const available = describeEvent(sys('runbook.step_available', {
      run: 'r', step: 'kind', title: 'What kind', automatic: true, cause: 3,
      causedBy: { n: 3, seq: 40, actor: 'rita', type: 'runbook.step_done', step: 'triage', title: 'Triage' },
    }));
    expect(available.summary).toBe('Step “What kind” can be done now');
    expect(available.cause).toBe('after rita did step “Triage”');
    const started = describeEvent(sys('runbook.step_available', { step: 'triage', causedBy: { n: 0, seq: 7, actor: 'rita', type: 'runbook.started' } }));
    expect(started.cause).toBe('after rita started the runbook');
    const approved = describeEvent(sys('runbook.completed', { runbook: 'x', causedBy: { seq: 9, actor: 'mike', type: 'runbook.step_approved', step: 'join' } }));
    expect(approved.cause).toBe('after mike approved step “join”');
    const skipped = describeEvent(sys('runbook.step_not_taken', { step: 'a', causedBy: { seq: 9, actor: 'rita', type: 'runbook.step_skipped', title: 'Choose' } }));
    expect(skipped.cause).toBe('after rita skipped step “Choose”');
    // An incident field given back on undo is the system's too, naming the undo.
    const restored = describeEvent(sys('incident.updated', {
      changes: [{ field: 'affected', before: [{ jurisdiction: 'FR', count: 3 }], after: [] }],
      causedBy: { run: 'r', runbook: 'engine-test', n: 14, seq: 88, actor: 'admin', type: 'runbook.step_undone', step: 'count', title: 'People affected' },
    }));
    expect(restored.summary).toBe('Updated affected');
    expect(restored.cause).toBe('after admin undid step “People affected”');
    expect(describeEvent(sys('something.new', { causedBy: { seq: 5, actor: 'ann', type: 'something.else' } })).cause).toBe("after ann's action (event #5)");
  });

  it('shows what a person did, and consequences recorded before they were the system\'s, without a cause', () => {
    expect(describeEvent(event('runbook.step_done', { step: 'triage', title: 'Triage' })).cause).toBeNull();
    // Recorded by the engine before: the person's name, `automatic` and `cause`, no causedBy — shown as it was.
    const old = describeEvent(event('runbook.step_available', { step: 'kind', title: 'What kind', automatic: true, cause: 3 }));
    expect(old).toMatchObject({ summary: 'Step “What kind” can be done now', cause: null });
    expect(describeEvent(event('incident.updated', { changes: [], causedBy: 'not an object' })).cause).toBeNull();
  });
});

describe('describeEvent: the fields the metrics need (issue 12 §1)', () => {
  const T = '2026-03-10T07:00:00.000Z';
  it('says the compromise start and the exercise flag in words, with the reason as the body', () => {
    const set = describeEvent(event('incident.updated', { changes: [{ field: 'startedAt', before: null, after: T }], reason: 'First beacon in the proxy log' }));
    expect(set.summary).toBe(`Compromise start set to ${formatDateTime(T)}`);
    expect(set.changes).toEqual([{ field: 'Compromise started', before: '—', after: showValue(T), redacted: false }]);
    expect(set.body).toBe('Reason: First beacon in the proxy log');
    expect(describeEvent(event('incident.updated', { changes: [{ field: 'startedAt', before: T, after: null }] })).summary).toBe('Compromise start set to unknown');
    expect(describeEvent(event('incident.updated', { changes: [{ field: 'exercise', before: false, after: true }] })).summary).toBe('Marked as exercise');
    const both = describeEvent(event('incident.updated', { changes: [{ field: 'title', before: 'a', after: 'b' }, { field: 'exercise', before: true, after: false }, { field: 'severity', before: 'SEV3', after: 'SEV1' }] }));
    expect(both.summary).toBe('Updated title, severity; no longer marked as an exercise');
    expect(both.changes.map((c) => [c.field, c.after])).toEqual([['Title', 'b'], ['Exercise', 'no'], ['Severity', 'SEV1']]);
    expect(both.body).toBeNull();
  });

  it('declares an exercise as one; a start after detection kept on purpose names the compromise start', () => {
    expect(describeEvent(event('incident.created', { fields: { title: 'Tabletop', severity: 'SEV1', category: 'ransomware', exercise: true } })).summary)
      .toBe('Declared exercise “Tabletop” (SEV1, Ransomware)');
    const kept = describeEvent(event('incident.updated', {
      changes: [{ field: 'startedAt', before: null, after: T }], reason: 'Sensor clock',
      timeOrderOverride: { reason: 'Clock ran fast', conflicts: [{ later: 'detected', laterAt: '2026-03-10T06:00:00.000Z', earlier: 'started', earlierAt: T }] },
    }));
    expect(kept.body).toBe(`Reason: Sensor clock\nTimes out of order kept on purpose: Detected ${formatDateTime('2026-03-10T06:00:00.000Z')} is before compromise started ${formatDateTime(T)}. Why: Clock ran fast`);
  });
});

describe('security stream outputs', () => {
  it('says where syslog could not be reached, why, and that the file is complete', () => {
    const d = describeEvent(event('siem.syslog_failed', { host: 'siem.example.org', port: 6514, transport: 'tcp', error: 'ECONNREFUSED' }, null));
    expect(d.summary).toBe('Security events could not be sent to syslog at siem.example.org:6514 over TCP (ECONNREFUSED); retrying, the JSON-lines file is complete');
    expect(d.tone).toBe('danger');
  });
});
