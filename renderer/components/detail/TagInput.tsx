import { useState, type KeyboardEvent } from 'react';
import { Icon } from '../common/Icon';

/** Tags as removable chips; Enter or comma adds what was typed, Backspace on empty removes the last. */
export function TagInput({ id, value, onChange, invalid }: { id: string; value: string[]; onChange: (tags: string[]) => void; invalid?: boolean }) {
  const [text, setText] = useState('');
  const add = (): void => {
    const tag = text.trim().replace(/,$/, '').trim();
    if (tag && !value.includes(tag)) onChange([...value, tag]);
    setText('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      add();
    } else if (e.key === 'Backspace' && text === '' && value.length) {
      onChange(value.slice(0, -1));
    }
  };
  return (
    <div className={`tag-input${invalid ? ' is-invalid' : ''}`}>
      {value.map((tag) => (
        <span key={tag} className="tag">
          {tag}
          <button type="button" onClick={() => onChange(value.filter((t) => t !== tag))} aria-label={`Remove tag ${tag}`}>
            <Icon name="x" size={10} />
          </button>
        </span>
      ))}
      <input
        id={id}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={add}
        placeholder={value.length ? '' : 'Add a tag and press Enter'}
        maxLength={40}
        aria-invalid={invalid || undefined}
      />
    </div>
  );
}
