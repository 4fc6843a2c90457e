import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool, PoolClient } from 'pg';

/**
 * SQLSTATEs after which the whole transaction may simply run again: 40001 serialization_failure (what
 * CockroachDB returns on contention, and PostgreSQL under SERIALIZABLE) and 40P01 deadlock_detected.
 * https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
const RETRYABLE = new Set(['40001', '40P01']);

/** A few tries: contention on one account is short (one push), so a retry usually gets through. */
const DEFAULT_ATTEMPTS = 5;

export function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/**
 * Runs `work` between BEGIN and COMMIT on one pooled connection and retries the whole transaction on a
 * serialization failure or deadlock. `work` must therefore have no effects outside the database (it may run
 * more than once). Any other error rolls back and is rethrown.
 */
export async function inTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
  attempts = DEFAULT_ATTEMPTS,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A connection that cannot even roll back is dropped from the pool rather than reused.
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      const code = sqlState(error);
      if (attempt >= attempts || code === undefined || !RETRYABLE.has(code)) throw error;
    } finally {
      client.release(broken);
    }
    // Jittered backoff so that the contenders do not collide again in lockstep.
    await sleep(randomInt(1, 5 * attempt + 2));
  }
}
