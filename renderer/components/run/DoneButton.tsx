import { Icon } from '../common/Icon';

export function DoneButton({ onClick, disabled, label = 'Done' }: { onClick: () => void; disabled: boolean; label?: string }) {
  return (
    <button type="button" className="btn btn-primary btn-sm" onClick={onClick} disabled={disabled}>
      <Icon name="check" size={14} />
      {label}
    </button>
  );
}
