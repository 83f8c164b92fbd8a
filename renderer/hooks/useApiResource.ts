import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, Result } from '../../contract';

export interface Resource<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  /** Fetches again, keeping the current data on screen meanwhile. */
  reload(): Promise<void>;
}

/** Loads one API value and reloads it when `deps` change; late answers of old requests are dropped. */
export function useApiResource<T>(load: () => Promise<Result<T>>, deps: readonly unknown[]): Resource<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    const result = await loadRef.current();
    if (mine !== generation.current) return;
    if (result.ok) {
      setData(result.value);
      setError(null);
    } else {
      setError(result.error);
    }
    setLoading(false);
  }, []);

  useEffect(() => {
    setData(null);
    void reload();
  }, deps); // the caller's deps decide when `load` means something new


  return { data, error, loading, reload };
}
