import { describe, expect, test } from 'vitest';
import { deviceName } from '../../../lib/session/device-name';

const UA = {
  chromeLinux:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
  chromeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
  edgeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36 Edg/156.0.0.0',
  firefoxWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:153.0) Gecko/20100101 Firefox/153.0',
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0',
  firefoxMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:153.0) Gecko/20100101 Firefox/153.0',
  firefoxAndroid: 'Mozilla/5.0 (Android 14; Mobile; rv:153.0) Gecko/153.0 Firefox/153.0',
  chromeOs:
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
};

describe('device name', () => {
  test.each([
    [UA.chromeLinux, 'Chrome on Linux'],
    [UA.chromeWindows, 'Chrome on Windows'],
    [UA.edgeWindows, 'Edge on Windows'],
    [UA.firefoxWindows, 'Firefox on Windows'],
    [UA.firefoxLinux, 'Firefox on Linux'],
    [UA.firefoxMac, 'Firefox on macOS'],
    [UA.firefoxAndroid, 'Firefox on Android'],
    [UA.chromeOs, 'Chrome on ChromeOS'],
    ['something else entirely', 'Browser'],
  ])('from the user agent: %s → %s', (userAgent, name) => {
    expect(deviceName({ userAgent })).toBe(name);
  });

  test('userAgentData (Chromium) wins over the frozen user agent string', () => {
    expect(
      deviceName({
        userAgent: UA.chromeLinux,
        userAgentData: {
          brands: [{ brand: 'Not)A;Brand' }, { brand: 'Chromium' }, { brand: 'Microsoft Edge' }],
          platform: 'Windows',
        },
      }),
    ).toBe('Edge on Windows');
    expect(
      deviceName({
        userAgent: UA.chromeLinux,
        userAgentData: { brands: [{ brand: 'Chromium' }], platform: 'Chrome OS' },
      }),
    ).toBe('Chrome on ChromeOS');
  });

  test('an empty platform falls back to the user agent', () => {
    expect(deviceName({ userAgent: UA.chromeLinux, userAgentData: { brands: [], platform: '' } })).toBe(
      'Chrome on Linux',
    );
  });

  test('this very environment gets a plausible name', () => {
    const nav = (globalThis as { navigator?: { userAgent?: string } }).navigator;
    const name = deviceName({ userAgent: nav?.userAgent ?? '' });
    expect(name.length).toBeGreaterThan(0);
    expect(name.length).toBeLessThanOrEqual(64);
  });
});
