/**
 * Marks an exercise (a tabletop or drill incident) wherever an incident appears, so nobody under
 * stress takes one for a real incident. Screen readers hear "Exercise, not a real incident".
 */
export function ExerciseBadge() {
  return (
    <span className="badge badge-exercise" title="A tabletop or drill exercise: not a real incident" data-testid="exercise-badge">
      EXERCISE<span className="visually-hidden">, not a real incident</span>
    </span>
  );
}
