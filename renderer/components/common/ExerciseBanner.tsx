import type { ReactNode } from 'react';
import { EXERCISE_MARKING } from '../../../contract';

/** The exercise marking in words, atop an incident or a notice: what the badge means and what follows from it. */
export function ExerciseBanner({ children }: { children: ReactNode }) {
  return (
    <div className="exercise-banner" role="note" aria-label={EXERCISE_MARKING}>
      <span><strong>{EXERCISE_MARKING}.</strong> {children}</span>
    </div>
  );
}
