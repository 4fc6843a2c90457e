import { describe, expect, test } from 'vitest';
import { NeverSitesModel, NO_NEVER_SITES } from '../../../../entrypoints/popup/models/never-sites-model';
import { fail, ok, settle } from '../support/scripted-background';
import { LOCKED, startPopup, UNLOCKED } from '../support/popup-harness';

describe('NeverSitesModel', () => {
  test('lists the sites; Remove sends the site and shows the list the background answers', async () => {
    let stored = ['example.com', 'shop.example.co.uk'];
    const { deps, background } = await startPopup(UNLOCKED, {
      'autofill.neverSites': () => ok(stored),
      'autofill.removeNeverSite': ({ site }) => {
        stored = stored.filter((entry) => entry !== site);
        return ok(stored);
      },
    });
    const model = new NeverSitesModel(deps);
    expect(model.sites.value).toBeNull();
    await model.load();
    expect(model.sites.value).toEqual(['example.com', 'shop.example.co.uk']);
    await model.remove('example.com');
    expect(background.callsOf('autofill.removeNeverSite')).toEqual([{ site: 'example.com' }]);
    expect(model.sites.value).toEqual(['shop.example.co.uk']);
    expect(model.removed.value).toBe('Latchkey offers to save logins on example.com again.');
    model[Symbol.dispose]();
  });

  test('an empty list (the screen shows where entries come from)', async () => {
    const { deps } = await startPopup(UNLOCKED, { 'autofill.neverSites': () => ok([]) });
    const model = new NeverSitesModel(deps);
    await model.load();
    expect(model.sites.value).toEqual([]);
    expect(NO_NEVER_SITES).toMatch(/“Never”/);
    model[Symbol.dispose]();
  });

  test('a failed Remove keeps the list and shows the message; locked goes to the unlock screen', async () => {
    const { deps, background } = await startPopup(UNLOCKED, {
      'autofill.neverSites': () => ok(['example.com']),
      'autofill.removeNeverSite': () => fail('locked', 'Latchkey is locked. Unlock it first.'),
    });
    const model = new NeverSitesModel(deps);
    await model.load();
    background.script['status.get'] = () => ok(LOCKED);
    await model.remove('example.com');
    await settle();
    expect(model.sites.value).toEqual(['example.com']);
    expect(model.removed.value).toBeNull();
    expect(model.task.error.value?.message).toBe('Latchkey is locked. Unlock it first.');
    expect(deps.app.route.value).toMatchObject({ screen: 'unlock' });
    model[Symbol.dispose]();
  });
});
