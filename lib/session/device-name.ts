/**
 * The name this device gets in the account's device list ("Chrome on Linux", "Firefox on Windows"), so the user
 * can tell which session to revoke. Built from what the browser says about itself; nothing more identifying
 * (no version numbers, no host name) goes to the server.
 */

/** navigator.userAgentData (Chromium only); Firefox has just the user agent string. */
export interface UserAgentInfo {
  userAgent: string;
  userAgentData?: { brands?: readonly { brand: string }[]; platform?: string } | undefined;
}

/** Most specific first: Edge and Opera also say "Chrome" in their user agents. */
const BROWSERS: readonly [pattern: RegExp, name: string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\//, 'Opera'],
  [/\bVivaldi\//, 'Vivaldi'],
  [/\bBrave\b/, 'Brave'],
  [/\b(Firefox|FxiOS)\//, 'Firefox'],
  [/\bChrom(e|ium)\//, 'Chrome'],
  [/\bSafari\//, 'Safari'],
];

const BRANDS: readonly [brand: string, name: string][] = [
  ['Microsoft Edge', 'Edge'],
  ['Opera', 'Opera'],
  ['Brave', 'Brave'],
  ['Vivaldi', 'Vivaldi'],
  ['Google Chrome', 'Chrome'],
  ['Chromium', 'Chrome'],
];

const SYSTEMS: readonly [pattern: RegExp, name: string][] = [
  [/\bAndroid\b/, 'Android'],
  [/\b(iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b|\bX11\b/, 'Linux'],
];

/** userAgentData.platform values (WICG UA Client Hints, Sec-CH-UA-Platform) that read better renamed. */
const PLATFORMS: Record<string, string> = { 'Chrome OS': 'ChromeOS', 'Chromium OS': 'ChromeOS' };

export function deviceName(info: UserAgentInfo): string {
  const brandName = BRANDS.find(([brand]) => info.userAgentData?.brands?.some((b) => b.brand === brand))?.[1];
  const browser = brandName ?? BROWSERS.find(([pattern]) => pattern.test(info.userAgent))?.[1] ?? 'Browser';
  const platform = info.userAgentData?.platform;
  const system =
    platform !== undefined && platform !== ''
      ? (PLATFORMS[platform] ?? platform)
      : SYSTEMS.find(([pattern]) => pattern.test(info.userAgent))?.[1];
  return system === undefined ? browser : `${browser} on ${system}`;
}

/** The name of the browser this code runs in (read when called: nothing is touched at import). */
export function thisBrowsersName(): string {
  const nav = globalThis.navigator as
    (Navigator & { userAgentData?: UserAgentInfo['userAgentData'] }) | undefined;
  return deviceName({ userAgent: nav?.userAgent ?? '', userAgentData: nav?.userAgentData });
}
