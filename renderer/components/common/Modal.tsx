import { useEffect, useRef, type ReactNode } from 'react';
import { Icon } from './Icon';

/**
 * A native modal <dialog>: the browser traps focus, makes the page inert and closes on Escape,
 * and focus returns to the opener when it closes.
 */
export function Modal({
  title, onClose, children, footer, size = 'md', labelledBy,
}: { title: ReactNode; onClose: () => void; children: ReactNode; footer?: ReactNode; size?: 'sm' | 'md' | 'lg'; labelledBy?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  const titleId = labelledBy ?? 'modal-title';

  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return undefined;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // showModal() focuses the first focusable element, which is the header's Close button: typing
    // would then go nowhere (React's autoFocus fired while the dialog was still closed). Start in the
    // field marked data-autofocus, else the first field; a dialog without one keeps Close.
    const first = dialog.querySelector<HTMLElement>('.modal-body [data-autofocus]:not([disabled])')
      ?? dialog.querySelector<HTMLElement>('.modal-body :is(input:not([type="hidden"]), select, textarea):not([disabled])');
    first?.focus();
    const onCancel = (e: Event): void => {
      e.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      opener?.focus();
    };
  }, []);

  return (
    <dialog ref={ref} className={`modal modal-${size}`} aria-labelledby={titleId}>
      <div className="modal-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="btn btn-ghost btn-icon" onClick={onClose} aria-label="Close">
          <Icon name="x" />
        </button>
      </div>
      <div className="modal-body">{children}</div>
      {footer && <div className="modal-footer">{footer}</div>}
    </dialog>
  );
}
