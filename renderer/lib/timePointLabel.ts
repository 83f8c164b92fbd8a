import { humanize } from './humanize';

/**
 * A time point as people read it: the start is when the compromise began (not a phase, so not
 * "Started"), the others are the phases ("Contained").
 */
export function timePointLabel(point: string): string {
  return point === 'started' ? 'Compromise started' : humanize(point);
}
