import { describe, expect, test } from 'vitest';
import { NeverSites, neverSiteOf } from '../../../../lib/autofill/background/never-sites';
import { MemoryStorageArea } from '../../session/memory-storage-area';

describe('never-list sites', () => {
  test.each<[string, string | null]>([
    ['https://login.example.co.uk/x', 'example.co.uk'],
    ['https://www.example.com/', 'example.com'],
    // The PSL's private section: one user site is not another's.
    ['https://alice.github.io/', 'alice.github.io'],
    ['https://xn--bcher-kva.example/', 'xn--bcher-kva.example'],
    ['https://bücher.example/', 'xn--bcher-kva.example'],
    // No registrable domain: host and port.
    ['http://localhost:3000/login', 'localhost:3000'],
    ['http://192.168.1.1/', '192.168.1.1'],
    ['http://192.168.1.1:8080/', '192.168.1.1:8080'],
    ['http://[::1]:8080/', '[::1]:8080'],
    ['https://intranet/', 'intranet'],
    ['about:blank', null],
    ['chrome-extension://abc/popup.html', null],
  ])('%s → %s', (url, site) => {
    expect(neverSiteOf(url)).toBe(site);
  });

  test('add, includes, remove; another port of localhost is another site', async () => {
    const local = new MemoryStorageArea();
    const never = new NeverSites(local);
    expect(await never.add('http://localhost:3000/')).toEqual(['localhost:3000']);
    expect(await never.add('https://www.example.com/')).toEqual(['example.com', 'localhost:3000']);
    expect(await never.add('https://example.com/')).toEqual(['example.com', 'localhost:3000']);
    expect(await never.includes('https://mail.example.com/')).toBe(true);
    expect(await never.includes('http://localhost:8080/')).toBe(false);
    expect(await never.remove('example.com')).toEqual(['localhost:3000']);
    expect(await new NeverSites(local).list()).toEqual(['localhost:3000']);
  });

  test('what storage holds is read through its schema', async () => {
    const local = new MemoryStorageArea();
    await local.set({ 'latchkey.autofill.neverSites': 'not a list' });
    expect(await new NeverSites(local).list()).toEqual([]);
  });
});
