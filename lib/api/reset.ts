import * as v from 'valibot';
import { Email } from './fields';
import { RESET_CODE_MAX_CHARS } from './limits';

/**
 * Account reset (DESIGN §1 "Forgot password"): an emailed one-time code lets its holder wipe the account so the
 * email can sign up again. The start answers the same whether the email has an account or not.
 */

export const ResetStartRequestSchema = v.strictObject({ email: Email });

export const ResetFinishRequestSchema = v.strictObject({
  email: Email,
  /** As typed: any case, with spaces or hyphens; the server normalises it (Crockford base32). */
  code: v.pipe(
    v.string('must be a string'),
    v.minLength(1, 'must not be empty'),
    v.maxLength(RESET_CODE_MAX_CHARS, `must be at most ${RESET_CODE_MAX_CHARS} characters`),
  ),
});

export type ResetStartRequest = v.InferOutput<typeof ResetStartRequestSchema>;
export type ResetFinishRequest = v.InferOutput<typeof ResetFinishRequestSchema>;
