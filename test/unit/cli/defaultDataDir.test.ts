import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../../main/cli/defaultDataDir';

describe('defaultDataDir', () => {
  it('prefers FIREBREAK_HOME everywhere', () => {
    expect(defaultDataDir({ FIREBREAK_HOME: '/cases/acme' }, 'linux', '/home/u')).toBe('/cases/acme');
    expect(defaultDataDir({ FIREBREAK_HOME: 'D:\\cases' }, 'win32', 'C:\\Users\\u')).toBe('D:\\cases');
  });

  it('follows XDG on Linux', () => {
    expect(defaultDataDir({}, 'linux', '/home/u')).toBe('/home/u/.local/share/firebreak');
    expect(defaultDataDir({ XDG_DATA_HOME: '/data/xdg' }, 'linux', '/home/u')).toBe('/data/xdg/firebreak');
    expect(defaultDataDir({ XDG_DATA_HOME: '' }, 'freebsd', '/home/u')).toBe('/home/u/.local/share/firebreak');
  });

  it('uses Application Support on macOS and APPDATA on Windows', () => {
    expect(defaultDataDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/Firebreak');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toBe(
      'C:\\Users\\u\\AppData\\Roaming\\Firebreak',
    );
  });
});
