import { describe, expect, it } from 'vitest';
import * as mainChannels from '../../../main/app/channels';
import * as preloadChannels from '../../../preload/channels';

describe('IPC channel names', () => {
  it('are the same on both sides (the preload cannot import main/app)', () => {
    expect(preloadChannels).toEqual(mainChannels);
  });
});
