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
    ['#/runbooks', { name: 'runbooks' }],
    ['#/backups', { name: 'backups' }],
    ['#/deadlines', { name: 'deadlines' }],
    ['#/settings', { name: 'settings' }],
    ['#/incidents/IR-2026-0001/runs/0f8e6a52-8b1c-4d3e-9f00-1234567890ab', { name: 'run', ref: 'IR-2026-0001', runId: '0f8e6a52-8b1c-4d3e-9f00-1234567890ab' }],
    ['#/incidents/IR-2026-0001/runs/not-a-run', { name: 'incident', ref: 'IR-2026-0001' }],
    ['#/incidents/IR-2026-0001/review', { name: 'review', ref: 'IR-2026-0001' }],
    ['#/actions', { name: 'actions' }],
  ] satisfies [string, Route][])('reads %j', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it.each(['#/incidents/IR-26-1', '#/incidents/ir-2026-0001', '#/incidents/..%2F', '#/preferences', '#token=abc'])(
    'falls back to the incident list for %j',
    (hash) => {
      expect(parseRoute(hash)).toEqual({ name: 'incidents' });
    },
  );
});

describe('hrefFor', () => {
  it('builds the hash of every route, and parseRoute reads it back', () => {
    const runId = '0f8e6a52-8b1c-4d3e-9f00-1234567890ab';
    const routes: Route[] = [
      { name: 'incidents' }, { name: 'incident', ref: 'IR-2026-0042' }, { name: 'run', ref: 'IR-2026-0042', runId },
      { name: 'review', ref: 'IR-2026-0042' }, { name: 'actions' },
      { name: 'runbooks' }, { name: 'backups' }, { name: 'deadlines' }, { name: 'settings' }, { name: 'audit' }, { name: 'users' }, { name: 'account' },
    ];
    expect(routes.map(hrefFor)).toEqual([
      '#/incidents', '#/incidents/IR-2026-0042', `#/incidents/IR-2026-0042/runs/${runId}`, '#/incidents/IR-2026-0042/review', '#/actions', '#/runbooks', '#/backups', '#/deadlines', '#/settings', '#/audit', '#/users', '#/account',
    ]);
    for (const route of routes) expect(parseRoute(hrefFor(route))).toEqual(route);
  });
});
