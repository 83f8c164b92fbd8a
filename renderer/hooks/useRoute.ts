import { useCallback, useSyncExternalStore } from 'react';
import { hrefFor, parseRoute, type Route } from '../lib/routes';

const subscribe = (cb: () => void): (() => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};
const getHash = (): string => window.location.hash;

export function useRoute(): [Route, (route: Route) => void] {
  const hash = useSyncExternalStore(subscribe, getHash);
  const navigate = useCallback((route: Route) => {
    window.location.hash = hrefFor(route);
  }, []);
  return [parseRoute(hash), navigate];
}
