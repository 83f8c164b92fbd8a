import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_FIELD_LABELS, placeholderFor, type Audience } from '../../../../contract';
import { expectFailure } from '../../../helpers/client';
import { createTestVault, type TestVault } from '../../../helpers/testVault';
import { breachIncident, COMPLETE_FACTS, completeBreach, LETTERHEAD } from './draftFixture';

let v: TestVault | null = null;
afterEach(() => {
  v?.dispose();
  v = null;
});

describe('notification drafts: contents', () => {
  it.each<[string, Audience, RegExp[]]>([
    // GDPR Art. 33(3)(a)-(d): nature, categories and numbers, contact point, consequences, measures.
    ['eu-gdpr-art33', 'authority', [/^## 1\. The nature of the breach/m, /Source: GDPR Art\. 33\(3\)\(a\)/, /About 1,200 people in European Union and EEA \(2,300 people in total\)\./]],
    // GDPR Art. 34(2): in clear and plain language.
    ['eu-gdpr-art34', 'individuals', [/^## What happened$/m, /^## What this means for you$/m, /^## What we are doing$/m, /^## For more information$/m]],
    // Cal. Civ. Code 1798.82(d)(1): titled "Notice of Data Breach", under the prescribed headings.
    ['us-ca-1798-82', 'individuals', [/^## What happened$/m, /^## What information was involved$/m, /^## What we are doing$/m, /^## What you can do$/m, /^## For more information$/m, /^This notice is sent by Müller & Söhne GmbH, Hauptstraße 5/m]],
    // Tex. Bus. & Com. Code 521.053(i): description, number of Texans, measures, law enforcement.
    ['us-tx-ag', 'authority', [/About 300 people in Texas/, /Source: Tex\. Bus\. & Com\. Code 521\.053\(i\)/, /law enforcement investigation/]],
  ])('%s (%s): with complete facts every required item is present and no placeholder is left', async (regimeId, audience, expected) => {
    v = await createTestVault();
    const ref = await completeBreach(v.admin);
    const assessment = await v.admin.call('notify.assess', { ref });
    expect(assessment.regimes.find((r) => r.regime.id === regimeId)?.outcome).toBe('notify');

    const draft = await v.admin.call('notify.drafts.create', { ref, regimeId });
    expect(draft).toMatchObject({ ref, regimeId, audience, version: 1, latestVersion: 1, status: 'draft', placeholders: [], requiredApprovals: 1, sent: null, outcome: 'notify' });
    const regime = assessment.regimes.find((r) => r.regime.id === regimeId)!;
    expect(draft.contents.map((c) => c.id)).toEqual(regime.contents.map((c) => c.id));
    expect(draft.contents.length).toBeGreaterThan(0);
    for (const item of draft.contents) expect(item, item.id).toMatchObject({ present: true });
    expect(draft.body).not.toMatch(/\[\[MISSING/);
    for (const re of expected) expect(draft.body).toMatch(re);
    // The facts as written, the letterhead's signatory, never the software's disclaimer (it is in the view).
    expect(draft.body).toContain(COMPLETE_FACTS.measuresTaken);
    expect(draft.body).toContain(LETTERHEAD.signatory ?? '');
    expect(draft.body).not.toMatch(/legal advice/i);
    expect(draft.notice).toMatch(/not legal advice/);
  });

  it('people get plain language under "Notice of Data Breach"; a regulator gets a formal notice citing each rule', async () => {
    v = await createTestVault();
    const ref = await completeBreach(v.admin);
    const people = await v.admin.call('notify.drafts.create', { ref, regimeId: 'eu-gdpr-art34' });
    expect(people.title).toBe('Notice of Data Breach');
    expect(people.body).toMatch(/^Dear Sir or Madam,\n\nWe are writing to tell you about a data breach at Müller & Söhne GmbH that involves your personal information\./);
    expect(people.body).toMatch(/payment card details/);
    expect(people.body).not.toMatch(/Art\. 3[34]/);
    const authority = await v.admin.call('notify.drafts.create', { ref, regimeId: 'eu-gdpr-art33' });
    expect(authority.title).toBe('Notification of a personal data breach under GDPR Art. 33');
    expect(authority.body).toMatch(/Our reference: IR-2026-\d{4}\./);
    expect(authority.body).toMatch(/Yours faithfully,\n\nJana Weber, General Counsel\nMüller & Söhne GmbH/);
    // The same obligation, briefed to the board and told to the press.
    const board = await v.admin.call('notify.drafts.create', { ref, regimeId: 'eu-gdpr-art33', audience: 'board' });
    expect(board.body).toMatch(/^## The obligation$/m);
    expect(board.body).toMatch(/Deadline: Notification to the supervisory authority, due 16 March 2026/);
    const media = await v.admin.call('notify.drafts.create', { ref, regimeId: 'eu-gdpr-art34', audience: 'media' });
    expect(media.title).toBe('Müller & Söhne GmbH: statement on a data breach');
    expect(media.placeholders).toEqual([]);
  });

  it('an unknown fact is a placeholder: the item is missing, approval is refused with the list, nothing is logged as approved', async () => {
    v = await createTestVault();
    await v.admin.call('settings.letterhead.set', LETTERHEAD);
    const ref = await breachIncident(v.admin);
    const { likelyConsequences: _unknown, ...rest } = COMPLETE_FACTS;
    await v.admin.call('notify.facts.set', { ref, patch: rest });
    const draft = await v.admin.call('notify.drafts.create', { ref, regimeId: 'eu-gdpr-art33' });
    expect(draft.placeholders).toEqual([CONTENT_FIELD_LABELS.likelyConsequences]);
    expect(draft.body).toContain(placeholderFor('likelyConsequences'));
    expect(draft.contents.find((c) => c.field === 'likelyConsequences')).toMatchObject({ present: false, source: { cite: 'GDPR Art. 33(3)(c)' } });
    expect(draft.contents.filter((c) => !c.present)).toHaveLength(1);

    const err = expectFailure(await v.admin.attempt('notify.drafts.approve', { id: draft.id }), 'VALIDATION');
    expect(err.message).toMatch(/1 placeholder\(s\) remain \(likely consequences\)/);
    expect(err.issues).toEqual(['placeholder: likely consequences']);
    expect((await v.admin.call('audit.list', { type: 'notify.draft_approved' })).rows).toHaveLength(0);
    expect(await v.admin.call('notify.drafts.get', { id: draft.id })).toMatchObject({ status: 'draft', approvals: [] });

    // Filling the gap in the text makes it approvable; a placeholder typed by hand blocks like any other.
    const filled = await v.admin.call('notify.drafts.revise', { id: draft.id, body: draft.body.replace(placeholderFor('likelyConsequences'), 'Phishing e-mails are likely.') });
    expect(filled).toMatchObject({ version: 2, placeholders: [] });
    expect(filled.contents.every((c) => c.present)).toBe(true);
    const typed = await v.admin.call('notify.drafts.revise', { id: draft.id, body: `${filled.body}\n[[MISSING: the exact number of records]]\n` });
    expect(typed.placeholders).toEqual(['the exact number of records']);
    expectFailure(await v.admin.attempt('notify.drafts.approve', { id: draft.id }), 'VALIDATION');
  });

  it('without a letterhead the sender is a placeholder too; a regime or stage that does not exist is refused', async () => {
    v = await createTestVault();
    const ref = await breachIncident(v.admin);
    await v.admin.call('notify.facts.set', { ref, patch: COMPLETE_FACTS });
    const draft = await v.admin.call('notify.drafts.create', { ref, regimeId: 'us-ca-1798-82' });
    expect(draft.placeholders).toEqual([CONTENT_FIELD_LABELS.organisation]);
    expect(draft.contents.find((c) => c.field === 'organisation')).toMatchObject({ present: false });
    expectFailure(await v.admin.attempt('notify.drafts.create', { ref, regimeId: 'xx-no-such-regime' }), 'NOT_FOUND');
    expectFailure(await v.admin.attempt('notify.drafts.create', { ref, regimeId: 'eu-gdpr-art33', stage: 'no-such-stage' }), 'VALIDATION');
    expectFailure(await v.admin.attempt('notify.drafts.create', { ref: 'IR-2026-9999', regimeId: 'eu-gdpr-art33' }), 'NOT_FOUND');
  });

  it('a notice written after its deadline asks for the reasons for the delay (GDPR Art. 33(1))', async () => {
    v = await createTestVault({ idleTimeoutMs: 30 * 24 * 3600_000 });
    const ref = await completeBreach(v.admin);
    v.clock.advance(5 * 24 * 3600_000);
    const late = await v.admin.call('notify.drafts.create', { ref, regimeId: 'eu-gdpr-art33' });
    expect(late.contents.at(-1)).toMatchObject({ id: 'delay', field: 'delayReasons', present: true, source: { cite: 'GDPR Art. 33(1)' } });
    expect(late.body).toContain(COMPLETE_FACTS.delayReasons);
  });
});
