import { useCallback, useState } from 'react';

/** State that survives reloads: column choices in localStorage, list filters in sessionStorage. */
export function useStoredState<T>(
  key: string,
  initial: T,
  storage: 'local' | 'session' = 'local',
  isValid: (value: unknown) => value is T = (v): v is T => v !== null && v !== undefined,
): [T, (next: T | ((prev: T) => T)) => void] {
  const store = storage === 'local' ? localStorage : sessionStorage;
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = store.getItem(key);
      if (raw === null) return initial;
      const parsed: unknown = JSON.parse(raw);
      return isValid(parsed) ? parsed : initial;
    } catch {
      return initial;
    }
  });
  const set = useCallback(
    (next: T | ((prev: T) => T)) => {
      setValue((prev) => {
        const resolved = typeof next === 'function' ? (next as (p: T) => T)(prev) : next;
        try {
          store.setItem(key, JSON.stringify(resolved));
        } catch {
          // storage full or disabled: the choice lasts for this page only
        }
        return resolved;
      });
    },
    [key, store],
  );
  return [value, set];
}
