import type { MethodInput, MethodName } from '../../contract';

export type SampleInputs = { [M in MethodName]: MethodInput<M> };

export interface SampleTargets {
  /** An incident reference (need not exist for authentication tests). */
  ref: string;
  /** An evidence id on `ref`. */
  evidenceId: string;
  /** A user name not yet taken, for users.add. */
  newUser: string;
  /** A runbook run id (need not exist for authentication tests). */
  runId: string;
}

/** A notification draft id (need not exist for authentication tests). */
const DRAFT_ID = '00000000-0000-4000-8000-000000000002';

const PLACEHOLDER: SampleTargets = {
  ref: 'IR-2026-0001',
  evidenceId: '00000000-0000-4000-8000-000000000000',
  newUser: 'newcomer',
  runId: '00000000-0000-4000-8000-000000000001',
};

/**
 * One schema-valid input per API method (the type makes a missing method a compile error), so
 * tests can reach the stage after validation: authentication, authorization, the handler.
 */
export function sampleInputs(targets: Partial<SampleTargets> = {}): SampleInputs {
  const { ref, evidenceId, newUser, runId } = { ...PLACEHOLDER, ...targets };
  return {
    'vault.status': {},
    'vault.create': { admin: 'second-admin', passphrase: 'Another 7rusty kettle!' },
    'vault.recover': { recoveryKey: 'FBRK-0000-0000-0000-0000-0000-0000-0000-0000', user: 'admin', newPassphrase: 'Another 7rusty kettle!' },
    'vault.registerRecoveryKey': { recoveryKey: 'FBRK-0000-0000-0000-0000-0000-0000-0000-0000' },
    'vault.exportKey': {},
    'vault.lock': {},
    'auth.login': { user: 'admin', passphrase: 'not the passphrase 1' },
    'auth.logout': {},
    'auth.session': {},
    'auth.changePassphrase': { current: 'not the passphrase 1', next: 'Another 7rusty kettle!' },
    'mfa.begin': { passphrase: 'not the passphrase 1' },
    'mfa.confirm': { code: '123456' },
    'users.list': {},
    'users.add': { name: newUser, role: 'responder', passphrase: 'Another 7rusty kettle!' },
    'users.setRole': { name: 'admin', role: 'admin' },
    'users.names': {},
    'users.resetMfa': { name: 'admin' },
    'users.disable': { name: newUser },
    'users.enable': { name: newUser, newPassphrase: 'Another 7rusty kettle!' },
    'users.resetPassphrase': { name: newUser, newPassphrase: 'Another 7rusty kettle!' },
    'incidents.list': { status: ['detected'], severity: ['SEV2'], text: 'phish', limit: 10 },
    'incidents.get': { ref },
    'incidents.create': { title: 'Sample incident', severity: 'SEV3', category: 'phishing' },
    'incidents.update': { ref, patch: { summary: 'sample summary' } },
    'incidents.setStatus': { ref, status: 'triaged' },
    'incidents.addNote': { ref, text: 'sample note' },
    'timeline.forIncident': { ref },
    'audit.list': { type: 'incident.note', limit: 5 },
    'log.verify': {},
    'pii.erase': { ref, reason: 'sample erasure request' },
    'log.verifyAnchor': { seq: 1, hash: '0'.repeat(64) },
    'evidence.list': { ref },
    'evidence.add': { ref, name: 'sample.txt', mediaType: 'text/plain', dataBase64: Buffer.from('sample').toString('base64') },
    'evidence.get': { ref, id: evidenceId, purpose: 'view' },
    'runbooks.list': {},
    'runbooks.lint': { files: [{ name: 'sample.yaml', text: 'format: 1\n' }] },
    'runbooks.suggest': { ref },
    'runbooks.export': { id: 'ransomware' },
    'runbooks.import': { name: 'sample.yaml', text: 'format: 1\n' },
    'runbooks.duplicate': { id: 'ransomware', newId: 'our-ransomware', title: 'Our ransomware runbook' },
    'runs.start': { ref, runbookId: 'ransomware' },
    'runs.list': { ref },
    'runs.get': { runId },
    'runs.act': { runId, action: { type: 'note', step: 'isolate', text: 'sample note' } },
    'runs.approve': { runId, step: 'restore-approval' },
    'backups.plans.list': {},
    'backups.plans.get': { name: 'nightly' },
    'backups.plans.add': { name: 'sample-plan', sources: ['/nonexistent/sample'], target: '/nonexistent/target' },
    'backups.plans.setRecipients': { name: 'sample-plan', recipients: [], reason: 'the offline key was retired' },
    'backups.plans.approve': { name: 'sample-plan', note: 'reviewed: the nightly plan of the file server' },
    'backups.plans.remove': { name: 'sample-plan' },
    'backups.run': { name: 'sample-plan' },
    'backups.cancel': { name: 'sample-plan' },
    'backups.schedule': {},
    'backups.list': {},
    'backups.get': { id: 'sample-plan-20260101T000000Z-000000' },
    'backups.checks': { plan: 'sample-plan', level: 'drill', limit: 20 },
    'backups.verify': { id: 'sample-plan-20260101T000000Z-000000', level: 'quick' },
    'backups.drill': { id: 'sample-plan-20260101T000000Z-000000' },
    'backups.restore': { id: 'sample-plan-20260101T000000Z-000000', to: '/nonexistent/restore' },
    'backups.prune': { name: 'sample-plan', dryRun: true },
    'backups.exportIdentity': {},
    'notify.regimes': {},
    'notify.facts.get': { ref },
    'notify.facts.set': { ref, patch: { awareAt: '2026-03-14T09:00:00Z', personalData: true } },
    'notify.assess': { ref },
    'notify.board': {},
    'notify.decide': { ref, regimeId: 'us-tx-ag', decision: 'not-required', reason: 'The processor notified every Texan already' },
    'notify.assessFacts': { facts: { personalData: true, dataCategories: ['contact'], affected: [{ jurisdiction: 'DE', count: 10 }], awareAt: '2026-03-14T09:00:00Z' } },
    'settings.letterhead.get': {},
    'settings.letterhead.set': { organisation: 'Example GmbH', address: 'Musterstraße 1\n10115 Berlin', email: 'privacy@example.org', phone: '+49 30 1234567', dpo: 'Dr. Erika Muster, dpo@example.org' },
    'settings.notifyPlan.get': {},
    'settings.notifyPlan.set': { twoApprovers: true },
    'settings.alarms.get': {},
    'settings.alarms.set': { hours: [48, 24, 4] },
    'notify.drafts.create': { ref, regimeId: 'eu-gdpr-art33', audience: 'authority' },
    'notify.drafts.list': { ref },
    'notify.drafts.get': { id: DRAFT_ID },
    'notify.drafts.revise': { id: DRAFT_ID, body: 'Dear Sir or Madam,\n\nSample text.\n' },
    'notify.drafts.diff': { id: DRAFT_ID, from: 1, to: 2 },
    'notify.drafts.approve': { id: DRAFT_ID },
    'notify.drafts.markSent': { id: DRAFT_ID, channel: 'portal', recipient: 'Sample supervisory authority' },
    'notify.drafts.supplement': { id: DRAFT_ID },
    'notify.drafts.recompose': { id: DRAFT_ID },
    'notify.drafts.export': { id: DRAFT_ID, format: 'md' },
    'reports.incident': { ref, format: 'md', tlp: 'amber', redact: false },
    'timeline.star': { seq: 1, starred: true },
    'reviews.get': { ref },
    'reviews.save': { ref, baseVersion: 0, sections: { summary: 'Sample summary for executives.' } },
    'reviews.signOff': { ref, version: 1 },
    'reviews.history': { ref },
    'reviews.keyEvents': { ref },
    'actions.list': { overdue: true },
    'actions.get': { id: 1 },
    'actions.add': { ref, title: 'Sample action item', owner: 'admin', due: '2099-01-01' },
    'actions.update': { id: 1, title: 'Sample action item, renamed' },
    'actions.done': { id: 1, note: 'Sample done note' },
    'actions.wontDo': { id: 1, reason: 'Sample reason' },
    'actions.reopen': { id: 1, reason: 'Sample reason' },
    'kpis.get': { from: '2026-01-01', to: '2026-03-31' },
    'alerts.list': { status: 'all', offset: 0, limit: 50 },
    'alerts.openCount': {},
    'alerts.acknowledge': { id: 1, note: 'checked with the user: a typo' },
    'settings.alerts.get': {},
    'settings.alerts.set': {
      failedSignInsPerUser: { threshold: 5, windowMinutes: 15 }, failedSignInsOverall: { threshold: 20, windowMinutes: 15 },
      personalDataBurst: { threshold: 30, windowMinutes: 10 }, repeatMinutes: 60,
      workingHours: { enabled: false, start: '08:00', end: '18:00', days: [1, 2, 3, 4, 5], timeZone: 'UTC' },
    },
    'settings.syslog.get': {},
    'settings.syslog.set': { enabled: false, host: '', port: 514, transport: 'udp', facility: 'auth', appName: 'firebreak' },
    'audit.accessReport': { offset: 0, limit: 200 },
    'reports.period': { from: '2026-01-01', to: '2026-03-31', format: 'md' },
  };
}
