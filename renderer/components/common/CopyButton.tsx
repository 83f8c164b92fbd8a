import { useState } from 'react';
import { copyText } from '../../lib/copyText';
import { Icon } from './Icon';

export function CopyButton({ text, label = 'Copy', compact = false }: { text: string; label?: string; compact?: boolean }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const onCopy = async (): Promise<void> => {
    setCopied(await copyText(text));
    setTimeout(() => setCopied(null), 2000);
  };
  const state = copied === null ? label : copied ? 'Copied' : 'Copy failed';
  return (
    <button
      type="button"
      className={compact ? 'btn btn-ghost btn-icon btn-sm' : 'btn btn-secondary btn-sm'}
      onClick={() => void onCopy()}
      aria-label={compact ? `${label}` : undefined}
      title={compact ? state : undefined}
    >
      <Icon name={copied ? 'check' : 'copy'} size={14} />
      {!compact && <span>{state}</span>}
      {compact && copied !== null && <span className="visually-hidden" role="status">{state}</span>}
    </button>
  );
}
