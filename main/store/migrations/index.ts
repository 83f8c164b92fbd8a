import type { Migration } from '../Migration';
import { users } from './0010-users';
import { events } from './0020-events';
import { incidents } from './0030-incidents';
import { eventSearch } from './0040-event-search';
import { evidence } from './0050-evidence';
import { eventsNoReplace } from './0060-events-no-replace';
import { incidentFilterIndex } from './0070-incident-filter-index';
import { runbookRuns } from './0080-runbook-runs';
import { backups } from './0090-backups';
import { breachFacts } from './0100-breach-facts';
import { notifyAlarms } from './0105-notify-alarms';
import { settings } from './0110-settings';
import { notifyDrafts } from './0120-notify-drafts';
import { userOffboarding } from './0130-user-offboarding';
import { backupChecksKept } from './0140-backup-checks-kept';
import { notifyDecisions } from './0150-notify-decisions';
import { supersededPhaseTimes } from './0160-superseded-phase-times';
import { incidentStartExercise } from './0170-incident-start-exercise';
import { reviews } from './0180-reviews';
import { kpiIncidents } from './0210-kpi-incidents';
import { kpiVersions } from './0220-kpi-versions';
import { eventSearchWithoutPersonalData } from './0240-event-search-without-personal-data';
import { backupDecisions } from './0270-backup-decisions';
import { sealedTotp } from './0271-sealed-totp';
import { searchWithoutTypedPersonalData } from './0241-search-without-typed-personal-data';
import { actionDueDates } from './0280-action-due-dates';
import { securityAlerts } from './0290-security-alerts';
import { personalDataSealed } from './0300-personal-data-sealed';
import { maskedFreeText } from './0301-masked-free-text';
import { runbookAnswersSealed } from './0310-runbook-answers-sealed';
import { recoveryKeyHoldsPiiKey } from './0320-recovery-key-holds-pii-key';

/** Every schema step, oldest first. Append only: a released step is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  users, events, incidents, eventSearch, evidence, eventsNoReplace, incidentFilterIndex, runbookRuns, backups, breachFacts, notifyAlarms, settings,
  notifyDrafts, userOffboarding, backupChecksKept, notifyDecisions, supersededPhaseTimes, incidentStartExercise, reviews,
  kpiIncidents, kpiVersions, eventSearchWithoutPersonalData, searchWithoutTypedPersonalData, backupDecisions, sealedTotp, actionDueDates, securityAlerts,
  personalDataSealed, maskedFreeText, runbookAnswersSealed, recoveryKeyHoldsPiiKey,
];
