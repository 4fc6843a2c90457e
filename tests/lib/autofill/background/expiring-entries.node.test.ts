import { describe, expect, test } from 'vitest';
import { MENU_SESSION_TTL_MS, MenuSessions } from '../../../../lib/autofill/background/menu-sessions';
import { SAVE_PROMPT_TTL_MS, SavePrompts } from '../../../../lib/autofill/background/save-prompts';
import { MemoryStorageArea } from '../../session/memory-storage-area';

function clock() {
  let now = 5_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}
const random = (length: number) => crypto.getRandomValues(new Uint8Array(length));
const MENU = {
  tabId: 1,
  frameId: 0,
  frameUrl: 'https://example.com/login',
  topOrigin: 'https://example.com',
  locked: false,
};

describe('menu sessions', () => {
  test('one per tab: the next replaces it; another tab keeps its own', async () => {
    const time = clock();
    const menus = new MenuSessions({ area: new MemoryStorageArea(), now: time.now, random });
    const first = await menus.open(MENU);
    const other = await menus.open({ ...MENU, tabId: 2 });
    const second = await menus.open({ ...MENU, frameId: 4 });
    expect(await menus.get(first)).toBeNull();
    expect(await menus.get(second)).toMatchObject({ tabId: 1, frameId: 4 });
    expect(await menus.get(other)).toMatchObject({ tabId: 2 });
  });

  test('10 minutes, then gone; concurrent opens in different tabs all stay', async () => {
    const time = clock();
    const area = new MemoryStorageArea();
    const menus = new MenuSessions({ area, now: time.now, random });
    const ids = await Promise.all([1, 2, 3, 4].map((tabId) => menus.open({ ...MENU, tabId })));
    for (const id of ids) expect(await menus.get(id)).not.toBeNull();
    time.advance(MENU_SESSION_TTL_MS - 1);
    expect(await menus.get(ids[0] ?? '')).not.toBeNull();
    time.advance(1);
    expect(await menus.get(ids[0] ?? '')).toBeNull();
  });
});

describe('save prompts', () => {
  test('5 minutes, one per tab, removed with the tab; an unreadable stored entry is ignored', async () => {
    const time = clock();
    const area = new MemoryStorageArea();
    const prompts = new SavePrompts({ area, now: time.now, random });
    const save = { kind: 'save' as const, username: 'u', password: 'p' };
    const first = await prompts.add(1, 'https://example.com', save);
    const second = await prompts.add(1, 'https://example.com', { ...save, username: 'v' });
    expect(await prompts.get(first)).toBeNull();
    expect((await prompts.forTab(1))?.id).toBe(second);
    time.advance(SAVE_PROMPT_TTL_MS);
    expect(await prompts.forTab(1)).toBeNull();

    const third = await prompts.add(2, 'https://example.com', save);
    const stored = JSON.parse(area.data.get('latchkey.autofill.prompts') ?? '[]') as unknown[];
    await area.set({ 'latchkey.autofill.prompts': [...stored, { id: 'x', tabId: 'two' }] });
    expect((await prompts.get(third))?.tabId).toBe(2);
    await prompts.dropTab(2);
    expect(await prompts.get(third)).toBeNull();
  });
});
