import { useCan } from '../../hooks/useSession';
import { AlarmHoursForm } from './AlarmHoursForm';
import { LetterheadForm } from './LetterheadForm';
import { NotifyPlanForm } from './NotifyPlanForm';

/** Organisation settings: the letterhead of notices and the deadline alarms (administrators change them; the changes are logged). */
export function SettingsPage() {
  const canManage = useCan('settings:manage');
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Settings</h1>
          <p className="page-sub">What breach notices are signed with, who must approve them, and when the deadline board warns. Every change is in the audit log with its old value.</p>
        </div>
      </div>
      <LetterheadForm canEdit={canManage} />
      <NotifyPlanForm canEdit={canManage} />
      <AlarmHoursForm canEdit={canManage} />
    </div>
  );
}
