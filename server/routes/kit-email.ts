import { AccountError } from '../../lib/account/errors';
import { parseKit } from '../../lib/account/kit-payload';
import type { RouteDeps } from '../app-deps';
import { composeKitEmail } from '../mail/kit-email';
import { MailDeliveryError } from '../mail/mailer';
import { ProblemError } from '../problem';
import type { Router } from '../router';

/**
 * The kit email (DESIGN §2 "The kit email is the one exception"): the server relays the Authentication Kit to
 * the account's own mailbox once and keeps nothing — no copy, no log line with the payload. It only relays a
 * well-formed kit of THIS account at its current epoch to THIS account's email, so the endpoint cannot be used
 * to mail arbitrary content, or to anyone else. Unlike the reset email it is sent before answering: the client
 * must know whether the user's only copy of the kit went out (mail-failed otherwise).
 */
export function registerKitEmailRoutes(router: Router, deps: RouteDeps): void {
  const { storage, rateLimiter } = deps;

  router.on('kitEmail', async ({ body, session, ip }) => {
    await rateLimiter.hit('kit-email:ip', ip);
    await rateLimiter.hit('kit-email:account', session.accountId);
    const account = await storage.getAccountById(session.accountId);
    if (account === null) throw new ProblemError('unauthorized', 'This account no longer exists');
    let kit;
    try {
      kit = parseKit(body.payloadText);
    } catch (error) {
      if (error instanceof AccountError)
        throw new ProblemError('invalid-kit', `body.payloadText: ${error.code}`);
      throw error;
    }
    if (kit.accountId !== account.id || kit.email !== account.email) {
      throw new ProblemError('invalid-kit', 'body.payloadText: the kit belongs to another account');
    }
    if (kit.keyEpoch !== account.keyEpoch) {
      throw new ProblemError('invalid-kit', 'body.payloadText: the kit is not of the current key epoch');
    }
    const mail = await composeKitEmail({
      to: account.email,
      payloadText: body.payloadText.trim(),
      createdAt: kit.createdAt,
    });
    try {
      await deps.mailer.send(mail);
    } catch (error) {
      if (error instanceof MailDeliveryError) {
        throw new ProblemError(
          'mail-failed',
          `The email could not be sent (${error.reason}); try again later`,
        );
      }
      throw error;
    }
    return null;
  });
}
