import {
  rowMappers,
  type AccountRecord as Account,
  type ItemRecord as Item,
  type SessionRecord as Session,
} from './rows';

/** Rows as better-sqlite3 returns them: times in integer ms, booleans 0/1 (mapping shared with PostgreSQL: rows.ts). */

export type AccountRecord = Account<number>;
export type SessionRecord = Session<number>;
export type ItemRecord = Item<number>;

export interface SignupAttemptRecord {
  id: string;
  account_id: string;
  email: string;
  expires_at: number;
}

export interface LoginAttemptRecord {
  id: string;
  account_id: string | null;
  kind: string;
  server_login_state: string;
  expires_at: number;
}

export interface ResetCodeRecord {
  account_id: string;
  code_hash: string;
  expires_at: number;
  attempts: number;
}

export const { toAccount, toSession, toItem } = rowMappers<number>((ms) => new Date(ms));
