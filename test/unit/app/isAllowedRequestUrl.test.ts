import { describe, expect, it } from 'vitest';
import { isAllowedRequestUrl } from '../../../main/app/isAllowedRequestUrl';

describe('isAllowedRequestUrl', () => {
  it('lets the renderer load its own files, data: images and blobs', () => {
    expect(isAllowedRequestUrl('app://firebreak/assets/index.js')).toBe(true);
    expect(isAllowedRequestUrl('data:image/svg+xml;base64,PHN2Zy8+')).toBe(true);
    expect(isAllowedRequestUrl('blob:app://firebreak/1234')).toBe(true);
    expect(isAllowedRequestUrl('devtools://devtools/bundled/devtools_app.html')).toBe(true);
  });

  it('cancels everything that would leave the machine or read other local files', () => {
    for (const url of ['https://example.com/', 'http://127.0.0.1:8080/', 'ws://127.0.0.1/', 'file:///etc/passwd', 'app://other/', 'ftp://x/']) {
      expect(isAllowedRequestUrl(url), url).toBe(false);
    }
  });
});
