import {
  Databases,
  resetCodeIn,
  startServer,
  type OutboxMail,
  type TestServer,
} from '../../server/http/harness';
import { leaves, parseMime, type MimePart } from '../../server/mail/mime';
import { waitFor } from './extension-page';

/**
 * The real sync server for an e2e file: the same createApp, SQLite storage and outbox mailer as
 * `npm start`, in this process on 127.0.0.1 (tests/server/http/harness.ts), which starts in ~0.1 s where a
 * child process would need ~1 s of tsx start-up. The browsers reach it over loopback like any server.
 */
export interface E2eServer {
  /** What a user types in the "Server" field. */
  url: string;
  /** The newest kit email to `to` (waits for it: mail is sent in the background). */
  kitEmail(to: string, after?: number): Promise<KitEmail>;
  /** The code in the newest reset email to `to`. */
  resetCode(to: string): Promise<string>;
  /** How many emails the outbox holds now (to tell new ones from old). */
  mailCount(): Promise<number>;
  stop(): Promise<void>;
}

export interface KitEmail {
  subject: string;
  /** The HTML part with its cid: QR image inlined as a data: URL, as a mail client displays it. */
  html: string;
  /** The attached QR PNG. */
  png: Buffer;
}

export async function startE2eServer(): Promise<E2eServer> {
  const databases = new Databases();
  const server: TestServer = await startServer({ backend: 'sqlite', databases });
  const mailsTo = async (to: string, after: number): Promise<OutboxMail[]> =>
    (await server.outbox()).slice(after).filter((mail) => mail.to.includes(to));
  return {
    url: server.baseUrl,
    async kitEmail(to, after = 0) {
      const mail = await waitFor(`a kit email to ${to}`, async () =>
        (await mailsTo(to, after))
          .filter((m) => m.subject.startsWith('IMPORTANT: Latchkey Account QR Code'))
          .at(-1),
      );
      return kitEmailOf(mail);
    },
    async resetCode(to) {
      const mail = await waitFor(`a reset email to ${to}`, async () =>
        (await mailsTo(to, 0)).filter((m) => /reset/i.test(m.subject)).at(-1),
      );
      return resetCodeIn(mail);
    },
    async mailCount() {
      return (await server.outbox()).length;
    },
    async stop() {
      await server.stop();
      await databases.stop();
    },
  };
}

/** The kit email as a reader sees it: its HTML with the inline (cid:) QR image made a data: URL. */
function kitEmailOf(mail: OutboxMail): KitEmail {
  const parts = leaves(parseMime(mail.raw));
  const html = parts.find((part) => part.contentType === 'text/html');
  if (!html) throw new Error(`the kit email ${mail.file} has no HTML part`);
  const inline = parts.find((part) => part.contentType === 'image/png' && contentId(part) !== undefined);
  const attached = parts.find(
    (part) => part.contentType === 'image/png' && part.disposition === 'attachment',
  );
  if (!inline || !attached)
    throw new Error(`the kit email ${mail.file} lacks its inline or attached QR image`);
  const cid = contentId(inline) ?? '';
  const dataUrl = `data:image/png;base64,${inline.body.toString('base64')}`;
  const page = html.body.toString('utf8').replaceAll(`cid:${cid}`, dataUrl);
  if (page.includes('cid:')) throw new Error(`the kit email ${mail.file} refers to another cid: image`);
  return { subject: mail.subject, html: page, png: attached.body };
}

/** RFC 2392: the Content-ID header is `<id>`, and a cid: URL holds the id without the brackets. */
function contentId(part: MimePart): string | undefined {
  return part.headers.get('content-id')?.[0]?.replace(/^<|>$/g, '');
}
