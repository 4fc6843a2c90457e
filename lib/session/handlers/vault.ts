import type { Handlers, Result } from '../../messaging/protocol';
import { damageMessage, RecordDamagedError, RecordTooLargeError } from '../../vault/record-errors';
import type { RecordDraft } from '../../vault/record-types';
import { loginsForPage } from '../../vault/site-matches';
import { VaultItemNotFoundError, VaultItemRefusedError } from '../../vault/vault-errors';
import type { VaultSession } from '../../vault/vault-session';
import { VaultStoreError } from '../../vault/vault-store-errors';
import type { AccountSession } from '../account-session';
import type { BackgroundVault } from '../background-vault';
import { failure, ok } from '../result';

type VaultMessage =
  | 'vault.list'
  | 'vault.get'
  | 'vault.save'
  | 'vault.delete'
  | 'vault.resolveConflict'
  | 'vault.repair'
  | 'sync.now'
  | 'sync.status';

/**
 * The vault and sync messages (issue 5). Each runs in the session's queue (so a lock never cuts one in half)
 * and only while unlocked ('locked' otherwise). Local changes answer as soon as they are in the outbox; the sync
 * that sends them follows, debounced (lib/sync/sync-scheduler.ts). `sync.now` waits for the sync outside the
 * queue: a slow server must not hold every other message behind it.
 */
export function vaultHandlers(session: AccountSession<BackgroundVault>): Pick<Handlers, VaultMessage> {
  const vault = session.deps.vault;

  const withVault = <T>(body: (open: VaultSession) => Promise<T>): Promise<Result<T>> =>
    withOpenVault(session, body);

  const whenUnlocked = (): Promise<Result<null>> =>
    session.run(async () => {
      const unlocked = await session.unlocked();
      return 'failure' in unlocked ? unlocked.failure : ok(null);
    });

  const changed = <T>(value: T): T => {
    vault.sync.afterLocalChange();
    return value;
  };

  return {
    'vault.list': ({ first, pageUrl }) =>
      withVault(async (open) => {
        const { items, damaged } = open.list();
        return {
          items: first === undefined ? items : items.slice(0, first),
          total: items.length,
          ...(pageUrl === undefined ? {} : { matches: loginsForPage(items, pageUrl) }),
          damaged,
          sync: await vault.sync.status(),
        };
      }),

    'vault.get': ({ id }) => withVault((open) => open.get(id)),

    // The protocol schema (record-schema.ts RecordDraftSchema) validated and normalised the draft.
    'vault.save': ({ draft }) => withVault(async (open) => changed(await open.save(draft as RecordDraft))),

    'vault.delete': ({ id }) =>
      withVault(async (open) => {
        await open.delete(id);
        return changed({});
      }),

    'vault.resolveConflict': ({ copyId, keep }) =>
      withVault(async (open) => {
        await open.resolveConflict(copyId, keep);
        return changed({});
      }),

    'vault.repair': ({ id, action }) =>
      withVault(async (open) => {
        await open.repair(id, action);
        return changed({});
      }),

    'sync.now': async () => {
      const unlocked = await whenUnlocked();
      return unlocked.ok ? ok(await vault.sync.syncNow()) : unlocked;
    },

    'sync.status': async () => {
      const unlocked = await whenUnlocked();
      return unlocked.ok ? ok(await vault.sync.status()) : unlocked;
    },
  };
}

/** The vault's expected refusals, in the protocol's terms; anything else is a bug (the router says 'internal'). */
/**
 * Runs `body` on the open vault in the session's queue (so a lock never cuts it in half), only while unlocked
 * ('locked' otherwise), with the vault's expected refusals turned into Results. The popup's vault messages and
 * autofill (./autofill.ts) both reach the vault through it.
 */
export function withOpenVault<T>(
  session: AccountSession<BackgroundVault>,
  body: (open: VaultSession) => Promise<T>,
): Promise<Result<T>> {
  return session.run(async () => {
    const unlocked = await session.unlocked();
    if ('failure' in unlocked) return unlocked.failure;
    try {
      const open = await session.deps.vault.ensure(unlocked.held.accountId, unlocked.held.keys.vaultKey);
      return ok(await body(open));
    } catch (error) {
      return vaultFailure(error);
    }
  });
}

function vaultFailure(error: unknown): Result<never> {
  if (error instanceof VaultItemNotFoundError) return failure('not-found', error.message);
  if (error instanceof VaultItemRefusedError) return failure('invalid-record', error.message);
  if (error instanceof RecordTooLargeError) return failure('invalid-record', error.message);
  // The visible version itself is damaged, so this browser has no good copy of it.
  if (error instanceof RecordDamagedError)
    return failure('invalid-record', damageMessage(error.reason, false));
  // The vault on disk failed (disk full, damaged, closed by another window): said in plain words.
  if (error instanceof VaultStoreError) return failure('internal', error.message);
  throw error;
}
