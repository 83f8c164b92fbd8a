import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, Result, RunAction, RunView } from '../../contract';
import { useClient } from './useClient';

export interface RunControls {
  run: RunView | null;
  /** Why the run could not be loaded (an action's refusal is returned by `act` instead). */
  error: ApiError | null;
  /** An action is on its way: controls wait for its answer rather than queue a second one. */
  busy: boolean;
  reload: () => Promise<void>;
  /** Sends one action; resolves to the API's refusal, or null when the run moved on. */
  act: (action: RunAction) => Promise<ApiError | null>;
  approve: (step: string, note?: string) => Promise<ApiError | null>;
}

/**
 * One run, kept current: every action answers with the whole new view, which replaces the old
 * one; a load still on its way when that answer arrives is dropped (it may predate the action).
 */
export function useRun(runId: string): RunControls {
  const client = useClient();
  const [run, setRun] = useState<RunView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    const result = await client.call('runs.get', { runId });
    if (mine !== generation.current) return;
    if (result.ok) {
      setRun(result.value);
      setError(null);
    } else {
      setError(result.error);
    }
  }, [client, runId]);

  useEffect(() => {
    setRun(null);
    setError(null);
    void reload();
  }, [reload]);

  const settle = useCallback(async (call: () => Promise<Result<RunView>>): Promise<ApiError | null> => {
    setBusy(true);
    const result = await call();
    setBusy(false);
    if (!result.ok) return result.error;
    generation.current++;
    setRun(result.value);
    setError(null);
    return null;
  }, []);

  const act = useCallback((action: RunAction) => settle(() => client.call('runs.act', { runId, action })), [client, runId, settle]);
  const approve = useCallback(
    (step: string, note?: string) => settle(() => client.call('runs.approve', { runId, step, ...(note ? { note } : {}) })),
    [client, runId, settle],
  );

  return { run, error, busy, reload, act, approve };
}
