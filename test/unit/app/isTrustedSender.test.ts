import { describe, expect, it } from 'vitest';
import { isTrustedSender, type SenderFrameLike } from '../../../main/app/isTrustedSender';

const OUR_WINDOW = 7;
const trusted = new Set([OUR_WINDOW]);
const top = (url: string): SenderFrameLike => ({ url, parent: null });
const event = (senderId: number, frame: SenderFrameLike | null) => ({ sender: { id: senderId }, senderFrame: frame });

describe('isTrustedSender', () => {
  it('accepts the top frame of our window on our origin', () => {
    expect(isTrustedSender(event(OUR_WINDOW, top('app://firebreak/index.html')), trusted)).toBe(true);
    expect(isTrustedSender(event(OUR_WINDOW, top('app://firebreak/incidents/IR-2026-0001')), trusted)).toBe(true);
  });

  it('rejects a webContents that is not one of our windows', () => {
    expect(isTrustedSender(event(99, top('app://firebreak/index.html')), trusted)).toBe(false);
  });

  it('rejects a foreign URL in our window', () => {
    for (const url of [
      'https://evil.example/',
      'file:///work/main/dist/renderer/index.html',
      'app://evil/index.html',
      'app://firebreak.evil/index.html',
      'app://user:pw@firebreak/index.html',
      'http://firebreak/index.html',
      'about:blank',
      'not a url',
    ]) {
      expect(isTrustedSender(event(OUR_WINDOW, top(url)), trusted), url).toBe(false);
    }
  });

  it('rejects a subframe even on our origin', () => {
    const parent = top('app://firebreak/index.html');
    const sub: SenderFrameLike = { url: 'app://firebreak/index.html', parent };
    expect(isTrustedSender(event(OUR_WINDOW, sub), trusted)).toBe(false);
  });

  it('rejects a frame that is already gone', () => {
    expect(isTrustedSender(event(OUR_WINDOW, null), trusted)).toBe(false);
  });
});
