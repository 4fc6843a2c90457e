import { SqliteStorage } from '../../../server/storage/sqlite-storage';
import { childProcessMain } from './fork-processes';

/** A server process starting up on a shared SQLite file: on "go" it opens the file (pragmas included) and migrates. */
childProcessMain(async () => {
  const storage = new SqliteStorage({ file: process.argv[2] ?? '' });
  try {
    await storage.migrate();
    return 'migrated';
  } finally {
    await storage.close();
  }
});
