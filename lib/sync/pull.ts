import { ApiError } from '../api/api-error';
import type { Item, PullResponse } from '../api/items';
import { PULL_MAX_LIMIT } from '../api/limits';
import { fromBase64url } from '../encoding/base64url';
import { RecordDamagedError } from '../vault/record-errors';
import type { VaultRows } from '../vault/store-types';
import { reconcile, type RemoteVersion } from './reconcile';
import { checkBox, commit, openBox, quarantineFromServer, type Opened, type SyncPass } from './sync-pass';
import { WriteBatch } from './write-batch';

/**
 * Pull (PROTOCOL.md, step 1): every page since the cursor, each applied as one store.write that also moves the
 * cursor (to the page's last revision while more pages follow, to the head after the last), so a pass that
 * fails half-way resumes at the first page it did not apply.
 */
export async function pullAll(pass: SyncPass): Promise<void> {
  let since = pass.cursor;
  for (;;) {
    const page = await pass.deps.server.pull(since, PULL_MAX_LIMIT);
    checkPage(page, since);
    pass.headRevision = page.headRevision;
    pass.pulled += page.items.length;
    const last = page.items.at(-1);
    // Items come in ascending revision order; when the last page is in, everything up to the head is known.
    const next = page.hasMore && last ? last.revision : page.headRevision;
    await applyPage(pass, page.items, next);
    since = next;
    if (!page.hasMore) return;
  }
}

async function applyPage(pass: SyncPass, items: Item[], cursor: number): Promise<void> {
  const { store, cipher } = pass.deps;
  const batch = new WriteBatch();
  if (items.length > 0) {
    const rows = await store.rows(items.map((item) => item.id));
    const fresh = items.filter((item) => !alreadyHeld(rows.get(item.id), item));
    // Every box at once (DESIGN §7: a first sync of 10k records in 2 s); the merges below run one by one.
    // A record with no local change is only stored: authenticating it is enough (cipher.check, no parse of
    // the details, which cost a first sync of 10k records ~0.3 s). One with a local change is merged: opened.
    const opened = await Promise.all(
      fresh.map(async (item) => {
        const version = { id: item.id, revision: item.revision, box: boxOf(item) };
        const merging = rows.get(item.id)?.outbox !== undefined;
        return {
          version,
          remote: merging
            ? await openBox(cipher, item.id, version.box)
            : await checkBox(cipher, item.id, version.box),
        };
      }),
    );
    for (const { version, remote } of opened) {
      await applyItem(pass, batch, rows.get(version.id), version, remote);
    }
  }
  await commit(pass, batch, cursor);
}

/**
 * This exact revision is already the synced row (our own accepted push, pulled back because someone else
 * wrote in between) or already quarantined: nothing changes. A synced row at this revision next to a 'local'
 * quarantine row is NOT held: that is the background asking for a fresh copy of a box damaged on disk.
 */
function alreadyHeld(rows: VaultRows | undefined, item: Item): boolean {
  if (rows?.quarantine)
    return rows.quarantine.source === 'server' && rows.quarantine.revision === item.revision;
  return rows?.synced?.revision === item.revision;
}

async function applyItem(
  pass: SyncPass,
  batch: WriteBatch,
  rows: VaultRows | undefined,
  server: RemoteVersion,
  remote: Opened | 'checked',
): Promise<void> {
  const id = server.id;
  if (remote instanceof RecordDamagedError) {
    // Never let it replace anything: the synced row (a good older copy, if any) and the outbox stay as they are.
    if (server.box !== null) {
      quarantineFromServer(pass, batch, {
        id,
        revision: server.revision,
        box: server.box,
        reason: remote.reason,
      });
    }
    return;
  }
  const outbox = rows?.outbox;
  if (outbox) {
    // applyPage opened (not just checked) every box that has a local change to merge with.
    if (remote === 'checked') throw new Error('pull: a box to merge was only checked');
    await reconcile(
      pass,
      batch,
      { synced: rows.synced, outbox, quarantine: rows.quarantine },
      server,
      remote,
    );
    return;
  }
  batch.guard(id, undefined);
  batch.putSynced({ id, revision: server.revision, box: server.box });
  if (rows?.quarantine) batch.deleteQuarantine(id);
}

const boxOf = (item: Item): Uint8Array | null =>
  item.deleted || item.ciphertext === null ? null : fromBase64url(item.ciphertext);

/** The schema checked each field; these are the promises between fields that the engine relies on. */
function checkPage(page: PullResponse, since: number): void {
  let previous = since;
  for (const item of page.items) {
    if (item.revision <= previous || item.revision > page.headRevision) {
      throw invalid('items out of revision order');
    }
    if (!item.deleted && item.ciphertext === null) throw invalid('a live item without ciphertext');
    previous = item.revision;
  }
  if (page.hasMore && page.items.length === 0) throw invalid('hasMore with no items');
}

const invalid = (what: string): ApiError =>
  new ApiError(200, 'invalid-response', `The server's pull answer is inconsistent: ${what}`);
