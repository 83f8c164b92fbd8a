import { useCan } from '../../hooks/useSession';
import { AlarmHoursForm } from './AlarmHoursForm';
import { AlertRulesForm } from './AlertRulesForm';
import { LetterheadForm } from './LetterheadForm';
import { NotifyPlanForm } from './NotifyPlanForm';
import { SyslogForm } from './SyslogForm';

/** Organisation settings: the letterhead of notices and the deadline alarms (administrators change them; the changes are logged). */
export function SettingsPage() {
  const canManage = useCan('settings:manage');
  const canAlerts = useCan('alert:manage');
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Settings</h1>
          <p className="page-sub">What breach notices are signed with, who must approve them, when the deadline board warns, and when a security alert is raised and where security events are sent. Every change is in the audit log with its old value.</p>
        </div>
      </div>
      <LetterheadForm canEdit={canManage} />
      <NotifyPlanForm canEdit={canManage} />
      <AlarmHoursForm canEdit={canManage} />
      <AlertRulesForm canEdit={canAlerts} />
      <SyslogForm canEdit={canAlerts} />
    </div>
  );
}
