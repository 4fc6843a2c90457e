import type { ApiClient } from '../api/client';
import type { SyncServer } from './sync-types';

/**
 * The sync engine's two endpoints over this device's API client (lib/api/endpoints.ts `pull` / `push`). The
 * client validates every answer with the server's own schemas and throws ApiError on any failure, which the
 * background's scheduler turns into a status and a retry (lib/sync/sync-scheduler.ts).
 */
export function apiSyncServer(api: ApiClient): SyncServer {
  return {
    pull: (since, limit) => api.call('pull', { query: { since, limit } }),
    push: (changes) => api.call('push', { body: { changes } }),
  };
}
