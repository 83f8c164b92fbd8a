/** Roles and the permissions each one carries. Platform-free: imported by main, preload and renderer. */
export const ROLES = ['admin', 'responder', 'backup-operator', 'legal', 'manager', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'incident:read',
  'incident:write',
  'incident:note',
  'evidence:read',
  'evidence:write',
  'evidence:export',
  'audit:read',
  'log:verify',
  'user:manage',
  'vault:export-key',
  /** Lock the vault: every user is signed out at once and the key leaves memory. */
  'vault:lock',
  'pii:read',
  /**
   * Erase an incident's personal data by destroying its data-subject key (crypto-shredding): the
   * log keeps the ciphertext and still verifies, and no one can read the values again.
   */
  'pii:erase',
  /** Start runbooks and do, skip and undo their steps. */
  'runbook:run',
  /** Give approvals in runbook approval steps (the step may also require a role). */
  'runbook:approve',
  /** Import, replace and duplicate the organisation's own runbooks. */
  'runbook:manage',
  /** See backup plans, backups and their checks. */
  'backup:read',
  /** Add and remove backup plans. */
  'backup:manage',
  /** Run backups, verify them and run restore drills. */
  'backup:run',
  /** Restore files from a backup to a directory. */
  'backup:restore',
  /** Write the backup identity (the key that decrypts every backup) to a file. */
  'backup:export-identity',
  /**
   * Add or change a plan's extra age recipients: whoever holds a recipient's identity decrypts
   * every backup of the plan, so this decides who may read it (docs/security.md).
   */
  'backup:recipients',
  /**
   * Put Firebreak's own database in a plan: the snapshot (includeDatabase), or a source that is,
   * holds or lies inside the data directory. The database opens with any user's key slot.
   */
  'backup:include-database',
  /**
   * Restore Firebreak's database out of a backup (firebreak.db, vault.json), to any path; also
   * any future export or download of an archive that holds it. Other files of the same backup
   * need only backup:restore.
   */
  'backup:restore-database',
  /** See breach-notification assessments, deadlines and the regimes. */
  'notify:read',
  /** Record and change an incident's breach facts (times, risk, entity type, narrative). */
  'notify:facts',
  /** Write and revise notification drafts (and start a supplementary notice). */
  'notify:draft',
  /** Approve a notification draft (the legal sign-off; a second approver when the plan says so). */
  'notify:approve',
  /** Record that an approved notice was sent (channel, recipient, time, content hash). */
  'notify:send',
  /** Decide that a regime's notice is not required for an incident (with the reason), or withdraw that decision. */
  'notify:decide',
  /** Change organisation-wide settings (the letterhead on exported notices, the deadline alarms' thresholds). */
  'settings:manage',
  /** Read post-incident reviews, action items, incident and period reports and the KPI dashboard. */
  'report:read',
  /** Write an incident's post-incident review and star its key events. */
  'review:write',
  /** Mark a post-incident review final (the manager's sign-off). */
  'review:signoff',
  /** Add action items and change their owner, due date and status. */
  'action:write',
  /** See security alerts, their count and the personal-data access report (docs/security.md, "Activity monitoring"). */
  'alert:read',
  /** Acknowledge a security alert with a note, and change the alert rules' settings. */
  'alert:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** `public` needs no session (vault status, create, login); `session` needs any signed-in user. */
export type Access = Permission | 'public' | 'session';

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: PERMISSIONS,
  responder: [
    'incident:read', 'incident:write', 'incident:note',
    'evidence:read', 'evidence:write', 'evidence:export',
    'log:verify', 'pii:read', 'runbook:run', 'runbook:approve', 'backup:read', 'notify:read', 'notify:facts',
    // Responders know the facts first: they draft notices, but never approve or send them.
    'notify:draft',
    'report:read', 'review:write', 'action:write',
  ],
  // Backup operators see incidents to link restores to them, but not the people affected.
  // They attach drill reports and restore logs (evidence:write) but cannot open other evidence.
  'backup-operator': [
    'incident:read', 'incident:note', 'evidence:write', 'log:verify', 'runbook:run', 'runbook:approve',
    'backup:read', 'backup:manage', 'backup:run', 'backup:restore',
    // Restore and drill findings become action items they own; reports stay with the other roles.
    'action:write',
  ],
  // Legal decides who is told and by when: it reads and corrects the breach facts, and owns the
  // notices: drafts them, signs them off and records them as sent.
  legal: [
    'incident:read', 'incident:note', 'evidence:read', 'log:verify', 'pii:read', 'runbook:approve', 'notify:read', 'notify:facts',
    'notify:draft', 'notify:approve', 'notify:send', 'notify:decide',
    'report:read', 'action:write',
  ],
  // Managers approve (closing, payments, restores) but do not work the steps themselves.
  // Managers review what happened: they read reports and KPIs, write and sign off the review, and own action items.
  manager: ['incident:read', 'log:verify', 'runbook:approve', 'backup:read', 'notify:read', 'report:read', 'review:write', 'review:signoff', 'action:write'],
  // Auditors read everything that happened, including custody, but never personal data.
  // They see security alerts and who accessed personal data, but acknowledging is an administrator's decision.
  auditor: ['incident:read', 'evidence:read', 'audit:read', 'log:verify', 'backup:read', 'notify:read', 'report:read', 'alert:read'],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
