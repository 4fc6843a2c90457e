import { SqliteStorage } from '../../../server/storage/sqlite-storage';
import { childProcessMain } from './fork-processes';
import { runPusher, type PusherLog } from './pusher';

/**
 * A server process of the SQLite concurrency test: `instances` connections to the shared file, one simulated
 * device on each, pushing until the deadline it gets with "go".
 */
export interface PusherProcessConfig {
  file: string;
  accountId: string;
  itemIds: string[];
  instances: number;
  name: string;
}

const config = JSON.parse(process.argv[2] ?? '{}') as PusherProcessConfig;
const storages = Array.from({ length: config.instances }, () => new SqliteStorage({ file: config.file }));

childProcessMain(async (go: { until: number }): Promise<PusherLog[]> => {
  try {
    return await Promise.all(
      storages.map((storage, i) =>
        runPusher(storage, { ...config, device: `${config.name}.${i}`, until: go.until }),
      ),
    );
  } finally {
    await Promise.all(storages.map((storage) => storage.close()));
  }
});
