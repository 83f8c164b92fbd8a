import { Icon } from '../common/Icon';

/** A personal-data field withheld from this role (no pii:read): shown, never editable. */
export function Restricted() {
  return (
    <span className="restricted" title="Personal data: your role cannot see it">
      <Icon name="lock" size={12} />
      Restricted
    </span>
  );
}
