import { useEffect, useRef } from 'react';

/** Keys like `/`, `n`, `?`, `j`, or two-key sequences like `g i`. */
export type HotkeyMap = Record<string, (event: KeyboardEvent) => void>;

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file'].includes(type);
}

/**
 * Single-key shortcuts in the GitHub/Gmail style. They never fire while the person types in a
 * field, holds a modifier, or a modal dialog is open.
 */
export function useHotkeys(map: HotkeyMap): void {
  const mapRef = useRef(map);
  mapRef.current = map;
  useEffect(() => {
    let prefix: string | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target) || document.querySelector('dialog[open]')) return;
      const key = event.key;
      const handlers = mapRef.current;
      if (prefix !== null) {
        const combo = `${prefix} ${key}`;
        prefix = null;
        clearTimeout(timer);
        const handler = handlers[combo];
        if (handler) {
          event.preventDefault();
          handler(event);
        }
        return;
      }
      if (Object.keys(handlers).some((k) => k.startsWith(`${key} `))) {
        prefix = key;
        timer = setTimeout(() => {
          prefix = null;
        }, 1200);
        return;
      }
      const handler = handlers[key];
      if (handler) {
        event.preventDefault();
        handler(event);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      clearTimeout(timer);
    };
  }, []);
}
