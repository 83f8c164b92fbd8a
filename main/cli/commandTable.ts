import { backupPlanAdd } from './commands/backupPlanAdd';
import { backupPlanList } from './commands/backupPlanList';
import { backupPlanShow } from './commands/backupPlanShow';
import { backupPlanRemove } from './commands/backupPlanRemove';
import { backupPlanRecipients } from './commands/backupPlanRecipients';
import { backupPlanApprove } from './commands/backupPlanApprove';
import { backupPrune } from './commands/backupPrune';
import { backupRun } from './commands/backupRun';
import { backupList } from './commands/backupList';
import { backupShow } from './commands/backupShow';
import { backupVerify } from './commands/backupVerify';
import { backupDrill } from './commands/backupDrill';
import { backupRestore } from './commands/backupRestore';
import { backupExportIdentity } from './commands/backupExportIdentity';
import { evidenceAdd } from './commands/evidenceAdd';
import { evidenceExport } from './commands/evidenceExport';
import { incidentAdd } from './commands/incidentAdd';
import { incidentEdit } from './commands/incidentEdit';
import { incidentList } from './commands/incidentList';
import { incidentNote } from './commands/incidentNote';
import { incidentShow } from './commands/incidentShow';
import { incidentStatus } from './commands/incidentStatus';
import { init } from './commands/init';
import { logVerify } from './commands/logVerify';
import { auditAccessReport } from './commands/auditAccessReport';
import { piiErase } from './commands/piiErase';
import { runbookLint } from './commands/runbookLint';
import { runbookList } from './commands/runbookList';
import { runbookStart } from './commands/runbookStart';
import { runbookStatus } from './commands/runbookStatus';
import { runbookStep } from './commands/runbookStep';
import { serve } from './commands/serve';
import { userAdd } from './commands/userAdd';
import { userChangePassphrase } from './commands/userChangePassphrase';
import { userDisable } from './commands/userDisable';
import { userEnable } from './commands/userEnable';
import { userList } from './commands/userList';
import { userResetPassphrase } from './commands/userResetPassphrase';
import { userResetMfa } from './commands/userResetMfa';
import { vaultExportKey } from './commands/vaultExportKey';
import { vaultRecover } from './commands/vaultRecover';
import { vaultRegisterRecoveryKey } from './commands/vaultRegisterRecoveryKey';
import type { CommandSpec } from './types';
import { daemon } from './commands/daemon';
import { daemonStatus } from './commands/daemonStatus';
import { notifyAssess } from './commands/notifyAssess';
import { notifyDraft } from './commands/notifyDraft';
import { notifyApprove } from './commands/notifyApprove';
import { notifyDecide } from './commands/notifyDecide';
import { notifyRegimes } from './commands/notifyRegimes';
import { notifyDrafts } from './commands/notifyDrafts';
import { notifyFacts } from './commands/notifyFacts';
import { notifySent } from './commands/notifySent';
import { reportIncident } from './commands/reportIncident';
import { reportPeriod } from './commands/reportPeriod';
import { actionList } from './commands/actionList';
import { actionAdd } from './commands/actionAdd';
import { actionDone } from './commands/actionDone';
import { actionWontDo } from './commands/actionWontDo';
import { actionReopen } from './commands/actionReopen';
import { kpi } from './commands/kpi';

/** Every command, in the order help lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  init,
  userAdd,
  userList,
  userDisable,
  userEnable,
  userResetPassphrase,
  userResetMfa,
  userChangePassphrase,
  incidentAdd,
  incidentList,
  incidentShow,
  incidentEdit,
  incidentNote,
  incidentStatus,
  evidenceAdd,
  evidenceExport,
  logVerify,
  auditAccessReport,
  piiErase,
  runbookList,
  runbookLint,
  runbookStart,
  runbookStatus,
  runbookStep,
  vaultExportKey,
  vaultRecover,
  vaultRegisterRecoveryKey,
  backupPlanAdd,
  backupPlanList,
  backupPlanShow,
  backupPlanRemove,
  backupPlanRecipients,
  backupPlanApprove,
  backupPrune,
  backupRun,
  backupList,
  backupShow,
  backupVerify,
  backupDrill,
  backupRestore,
  backupExportIdentity,
  serve,
  // `daemon status` before `daemon`: the first command whose words start the line wins.
  daemonStatus,
  notifyRegimes,
  notifyAssess,
  notifyFacts,
  notifyDrafts,
  notifyDraft,
  notifyApprove,
  notifySent,
  notifyDecide,
  reportIncident,
  reportPeriod,
  actionList,
  actionAdd,
  actionDone,
  actionWontDo,
  actionReopen,
  kpi,
  daemon,
];
