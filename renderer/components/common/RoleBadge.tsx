import type { Role } from '../../../contract';
import { humanize } from '../../lib/humanize';

export function RoleBadge({ role }: { role: Role }) {
  return <span className={`badge role role-${role}`}>{humanize(role)}</span>;
}
