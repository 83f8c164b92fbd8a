import { useCallback, useId, useRef, useState, type ReactNode } from 'react';
import { useDismiss } from '../../hooks/useDismiss';
import { Icon, type IconName } from './Icon';

/** A button that opens a small panel (filters, column chooser); Escape or a click outside closes it. */
export function MenuButton({
  label, icon, active = false, children, align = 'left', panelLabel,
}: { label: ReactNode; icon?: IconName; active?: boolean; children: ReactNode; align?: 'left' | 'right'; panelLabel: string }) {
  const [open, setOpen] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const close = useCallback(() => {
    setOpen(false);
    button.current?.focus();
  }, []);
  useDismiss(wrap, open, close);
  return (
    <div className="menu" ref={wrap}>
      <button
        ref={button}
        type="button"
        className={`btn btn-secondary btn-sm menu-trigger${active ? ' is-active' : ''}`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        {icon && <Icon name={icon} size={14} />}
        {label}
        <Icon name="chevronDown" size={14} className="chevron" />
      </button>
      {open && (
        <div className={`menu-panel menu-${align}`} id={panelId} role="group" aria-label={panelLabel}>
          {children}
        </div>
      )}
    </div>
  );
}
