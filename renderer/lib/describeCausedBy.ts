/**
 * A consequence the system recorded (a runbook step becoming available, not applicable or not
 * taken; an incident field given back on undo) names the action it followed from in its event's
 * `causedBy` (main/runbooks/runStore.ts). This turns it into "after alice did step “Triage”".
 * Null when the event has none: what a person did, and consequences recorded before they were
 * attributed to `system` (those show under the person's name, as they were recorded).
 */
export function describeCausedBy(data: Record<string, unknown>): string | null {
  const c = data.causedBy;
  if (typeof c !== 'object' || c === null || Array.isArray(c)) return null;
  const cause = c as Record<string, unknown>;
  const actor = typeof cause.actor === 'string' ? cause.actor : '?';
  const step = typeof cause.title === 'string' ? cause.title : typeof cause.step === 'string' ? cause.step : null;
  const named = step === null ? 'a step' : `step “${step}”`;
  switch (cause.type) {
    case 'runbook.started':
      return `after ${actor} started the runbook`;
    case 'runbook.step_done':
      return `after ${actor} did ${named}`;
    case 'runbook.step_skipped':
      return `after ${actor} skipped ${named}`;
    case 'runbook.step_approved':
      return `after ${actor} approved ${named}`;
    case 'runbook.item_ticked':
      return `after ${actor} ticked an item of ${named}`;
    case 'runbook.step_undone':
      return `after ${actor} undid ${named}`;
    default:
      return `after ${actor}'s action${typeof cause.seq === 'number' ? ` (event #${cause.seq})` : ''}`;
  }
}
