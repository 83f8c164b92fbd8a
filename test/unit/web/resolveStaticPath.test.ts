import { describe, expect, it } from 'vitest';
import { resolveStaticPath } from '../../../main/web/resolveStaticPath';

describe('resolveStaticPath', () => {
  const root = '/srv/renderer';

  it('maps / to index.html and nested paths under the root', () => {
    expect(resolveStaticPath(root, '/')).toBe('/srv/renderer/index.html');
    expect(resolveStaticPath(root, '/assets/app.js')).toBe('/srv/renderer/assets/app.js');
    expect(resolveStaticPath(root, '/assets/a%20b.js')).toBe('/srv/renderer/assets/a b.js');
  });

  it.each(['/../x', '/a/../../x', '/%2e%2e/x', '/a/..%2f..%2fx', '/..%5cx', '/a\\..\\x', '/%00', '/%zz', 'relative', '/./x'])(
    'returns null for %s',
    (raw) => {
      expect(resolveStaticPath(root, raw)).toBeNull();
    },
  );
});
