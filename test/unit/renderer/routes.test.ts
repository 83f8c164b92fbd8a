import { describe, expect, it } from 'vitest';
import { hrefFor, parseRoute, type Route } from '../../../renderer/lib/routes';

describe('parseRoute', () => {
  it.each([
    ['', { name: 'incidents' }],
    ['#', { name: 'incidents' }],
    ['#/incidents', { name: 'incidents' }],
    ['#/incidents/IR-2026-0001', { name: 'incident', ref: 'IR-2026-0001' }],
    ['#/incidents/IR-2026-12345', { name: 'incident', ref: 'IR-2026-12345' }],
    ['#incidents/IR-2026-0001', { name: 'incident', ref: 'IR-2026-0001' }],
    ['#/audit', { name: 'audit' }],
    ['#/users', { name: 'users' }],
    ['#/account', { name: 'account' }],
    ['#/account/extra', { name: 'account' }],
    ['#//users//', { name: 'users' }],
  ] satisfies [string, Route][])('reads %j', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it.each(['#/incidents/IR-26-1', '#/incidents/ir-2026-0001', '#/incidents/..%2F', '#/settings', '#token=abc'])(
    'falls back to the incident list for %j',
    (hash) => {
      expect(parseRoute(hash)).toEqual({ name: 'incidents' });
    },
  );
});

describe('hrefFor', () => {
  it('builds the hash of every route, and parseRoute reads it back', () => {
    const routes: Route[] = [{ name: 'incidents' }, { name: 'incident', ref: 'IR-2026-0042' }, { name: 'audit' }, { name: 'users' }, { name: 'account' }];
    expect(routes.map(hrefFor)).toEqual(['#/incidents', '#/incidents/IR-2026-0042', '#/audit', '#/users', '#/account']);
    for (const route of routes) expect(parseRoute(hrefFor(route))).toEqual(route);
  });
});
