import { REF_PATTERN } from '../../contract';

/** The screens of the signed-in app. Hash routing works the same on app:// and http://127.0.0.1. */
export type Route =
  | { name: 'incidents' }
  | { name: 'incident'; ref: string }
  | { name: 'run'; ref: string; runId: string }
  /** The incident page with its post-incident review open. */
  | { name: 'review'; ref: string }
  | { name: 'actions' }
  | { name: 'runbooks' }
  | { name: 'backups' }
  | { name: 'deadlines' }
  | { name: 'dashboard' }
  | { name: 'settings' }
  | { name: 'audit' }
  | { name: 'alerts' }
  | { name: 'users' }
  | { name: 'account' };

const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [first, second, third, fourth] = parts;
  if (first === 'incidents' && second !== undefined && REF_PATTERN.test(second)) {
    if (third === 'runs' && fourth !== undefined && RUN_ID.test(fourth)) return { name: 'run', ref: second, runId: fourth.toLowerCase() };
    if (third === 'review') return { name: 'review', ref: second };
    return { name: 'incident', ref: second };
  }
  if (first === 'runbooks') return { name: 'runbooks' };
  if (first === 'backups') return { name: 'backups' };
  if (first === 'deadlines') return { name: 'deadlines' };
  if (first === 'actions') return { name: 'actions' };
  if (first === 'dashboard') return { name: 'dashboard' };
  if (first === 'settings') return { name: 'settings' };
  if (first === 'audit') return { name: 'audit' };
  if (first === 'alerts') return { name: 'alerts' };
  if (first === 'users') return { name: 'users' };
  if (first === 'account') return { name: 'account' };
  return { name: 'incidents' };
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'incident':
      return `#/incidents/${route.ref}`;
    case 'run':
      return `#/incidents/${route.ref}/runs/${route.runId}`;
    case 'review':
      return `#/incidents/${route.ref}/review`;
    case 'incidents':
      return '#/incidents';
    default:
      return `#/${route.name}`;
  }
}
