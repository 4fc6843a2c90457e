import { computed, createModel, signal } from '@preact/signals';
import { maskEmail } from '../../../lib/account/email';
import { formatDate } from '../../../lib/account/errors';
import { makeKeyFile } from '../../../lib/account/key-file';
import type { KitArtifacts } from '../../../lib/messaging/protocol';
import { qrToSvg } from '../../../lib/qr/make';
import type { PopupDeps } from './popup-deps';
import type { KitReason } from './route';
import { createTask } from './task';

export const KIT_EMAIL_FAILED =
  "We couldn't email your kit. Download it or save the key file now: you need it to sign in on another browser.";

/** The QR as an <img> source: SVG stays sharp at any zoom and needs no canvas. */
export function qrImageSource(payloadText: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(qrToSvg(payloadText))}`;
}

/**
 * The Authentication Kit screen: the QR, its downloads, and the "I have saved my kit" step that gates
 * Continue (the kit is the one thing a user cannot get back without the password, DESIGN §1).
 */
export const KitModel = createModel((deps: PopupDeps, artifacts: KitArtifacts, why: KitReason) => {
  const kit = signal(artifacts);
  const reason = signal(why);
  const saved = signal(false);
  const task = createTask();

  const FAILED = 'Latchkey could not make this file. Try again.';

  return {
    kit,
    reason,
    saved,
    task,
    qrSource: computed(() => qrImageSource(kit.value.payloadText)),
    createdOn: computed(() => formatDate(new Date(kit.value.createdAt))),
    /** After sign-up and password change: whether the server emailed the kit (null when not asked). */
    emailLine: computed<{ ok: boolean; text: string } | null>(() => {
      const emailed = kit.value.emailed;
      if (emailed === null) return null;
      return emailed
        ? { ok: true, text: `Email sent to ${maskEmail(kit.value.email)}` }
        : { ok: false, text: KIT_EMAIL_FAILED };
    }),
    canContinue: computed(() => saved.value),
    downloadPng: () =>
      task.attempt(
        'Making the PNG…',
        async () => {
          const files = await deps.loadKitFiles();
          deps.download(await files.kitPng(kit.value));
        },
        FAILED,
      ),
    downloadPdf: () =>
      task.attempt(
        'Making the PDF…',
        async () => {
          const files = await deps.loadKitFiles();
          deps.download(files.kitPdf(kit.value));
        },
        FAILED,
      ),
    saveKeyFile: () =>
      task.attempt(
        'Making the key file…',
        async () => {
          const file = makeKeyFile(kit.value.payloadText);
          deps.download({ fileName: file.fileName, mimeType: file.mimeType, data: file.text });
        },
        FAILED,
      ),
    setSaved(value: boolean) {
      saved.value = value;
    },
    proceed() {
      if (saved.value) deps.app.afterKit(reason.value);
    },
  };
});

export type KitModel = InstanceType<typeof KitModel>;
