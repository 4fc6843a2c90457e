import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from '../../lib/crypto/random';

/**
 * The outbox folder of outbox mode: one .eml file per message. The files hold reset codes and Authentication
 * Kits, so the folder is private to the server's user (0700) and each file too (0600).
 */
export interface Outbox {
  /** Writes one rendered message and returns the file's absolute path. */
  write(message: Uint8Array): Promise<string>;
}

export function createOutbox(dir: string, log: (line: string) => void): Outbox {
  const root = path.resolve(dir);
  let ready: Promise<void> | undefined;
  let sequence = 0;

  async function prepare(): Promise<void> {
    // The mode applies only to folders this call creates; an existing folder keeps its mode, and we do not
    // chmod it (it might be a shared folder the operator chose), but say when others can read it.
    await mkdir(root, { recursive: true, mode: 0o700 });
    const { mode } = await stat(root);
    if ((mode & 0o077) !== 0) {
      log(`mail: warning: outbox ${root} is accessible to other users (chmod 700 it)`);
    }
  }

  return {
    async write(message) {
      ready ??= prepare().catch((error: unknown) => {
        ready = undefined; // try again on the next message
        throw error;
      });
      await ready;
      const file = path.join(root, fileName(new Date(), (sequence = (sequence + 1) % 1_000_000)));
      // 'wx': never overwrite; the random part makes a clash between server instances unlikely anyway.
      await writeFile(file, message, { mode: 0o600, flag: 'wx' });
      return file;
    },
  };
}

/**
 * "20261121T093015123Z-000042-9f86d081.eml": sorts by time (then by order within this process), and is unique
 * across server instances sharing the folder thanks to the random part.
 */
function fileName(now: Date, sequence: number): string {
  const stamp = now.toISOString().replace(/[-:.]/g, '');
  const random = Buffer.from(randomBytes(4)).toString('hex');
  return `${stamp}-${String(sequence).padStart(6, '0')}-${random}.eml`;
}
