import { REF_PATTERN } from '../../contract';

/** The screens of the signed-in app. Hash routing works the same on app:// and http://127.0.0.1. */
export type Route =
  | { name: 'incidents' }
  | { name: 'incident'; ref: string }
  | { name: 'audit' }
  | { name: 'users' }
  | { name: 'account' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [first, second] = parts;
  if (first === 'incidents' && second !== undefined && REF_PATTERN.test(second)) return { name: 'incident', ref: second };
  if (first === 'audit') return { name: 'audit' };
  if (first === 'users') return { name: 'users' };
  if (first === 'account') return { name: 'account' };
  return { name: 'incidents' };
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'incident':
      return `#/incidents/${route.ref}`;
    case 'incidents':
      return '#/incidents';
    default:
      return `#/${route.name}`;
  }
}
