import type { AutofillDeps } from './autofill-deps';
import { FillService } from './fill-service';
import { FillTokens } from './fill-tokens';
import { InlineMenuService } from './inline-menu-service';
import { MenuSessions } from './menu-sessions';
import { NeverSites } from './never-sites';
import { SavePrompts } from './save-prompts';
import { SaveService } from './save-service';

/**
 * The background side of autofill as entrypoints/background wires it: the fill paths (fill-service.ts), the
 * inline menu (inline-menu-service.ts), the save prompt (save-service.ts), and the tab events that end what
 * belonged to a tab. lib/session/handlers/autofill.ts maps the protocol's messages onto it; the entrypoint calls
 * the hooks from commands.onCommand, tabs.onUpdated and tabs.onRemoved.
 */
export interface AutofillService {
  fill: FillService;
  menu: InlineMenuService;
  save: SaveService;
  /** tabs.onUpdated: a finished load shows the tab's pending save prompt again. */
  onTabUpdated(tabId: number, status: string | undefined): Promise<void>;
  /** tabs.onRemoved: the tab's menu session, tokens and prompt go. */
  onTabRemoved(tabId: number): Promise<void>;
}

export function createAutofillService(deps: AutofillDeps): AutofillService {
  const random = deps.random;
  const tokens = new FillTokens(deps);
  const menus = new MenuSessions({ area: deps.session, now: deps.now, random });
  const menu = new InlineMenuService(deps, tokens, menus);
  const fill = new FillService(deps, tokens, menu);
  const save = new SaveService(
    deps,
    new SavePrompts({ area: deps.session, now: deps.now, random }),
    new NeverSites(deps.local),
  );
  return {
    fill,
    menu,
    save,
    onTabUpdated: (tabId, status) => save.onTabUpdated(tabId, status),
    async onTabRemoved(tabId) {
      tokens.dropTab(tabId);
      await Promise.all([menus.dropTab(tabId), save.dropTab(tabId)]);
    },
  };
}
