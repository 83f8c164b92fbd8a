import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ELECTRON_BINDING, nativeBindingPath } from '../../../main/store/nativeBinding';

const existing = (...files: string[]) => (file: string) => files.includes(file);

describe('nativeBindingPath', () => {
  it('uses the default Node build outside Electron', () => {
    expect(nativeBindingPath({ electron: undefined, appRoot: '/app', exists: () => true })).toBeUndefined();
    expect(nativeBindingPath()).toBeUndefined();
  });

  it('uses native/electron under Electron when it was built', () => {
    const file = join('/work/app', ELECTRON_BINDING);
    expect(nativeBindingPath({ electron: '39.2.7', appRoot: '/work/app', exists: existing(file) })).toBe(file);
  });

  it('falls back to the default build when native/electron is missing', () => {
    expect(nativeBindingPath({ electron: '39.2.7', appRoot: '/work/app', exists: () => false })).toBeUndefined();
  });

  it('looks next to app.asar in a packaged app, where asarUnpack put it', () => {
    const root = join('/opt', 'Firebreak', 'resources', 'app.asar');
    const unpacked = join('/opt', 'Firebreak', 'resources', 'app.asar.unpacked', ELECTRON_BINDING);
    expect(nativeBindingPath({ electron: '39.2.7', appRoot: root, exists: existing(unpacked) })).toBe(unpacked);
  });

  it('does not mistake a folder that merely starts with app.asar for the archive', () => {
    const root = join('/home', 'me', 'app.asarx');
    const file = join(root, ELECTRON_BINDING);
    expect(nativeBindingPath({ electron: '39.2.7', appRoot: root, exists: existing(file) })).toBe(file);
  });
});
