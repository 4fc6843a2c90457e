import { computed, createModel, signal } from '@preact/signals';
import { NotLatchkeyCodeError } from '../../../lib/account/errors';
import { KEY_FILE_MAX_BYTES } from '../../../lib/account/key-file';
import type { AccountStatus, KitSource } from '../../../lib/messaging/protocol';
import type { PopupDeps } from './popup-deps';
import { createTask, type LocalFailure } from './task';
import type { UserError } from './user-error';

/** The most text signIn.authenticate takes (protocol.ts KitTextField); a key file is ~600 characters. */
const KIT_TEXT_MAX_CHARS = 4096;

const COULD_NOT_READ = 'Latchkey could not read this file. Close and reopen the popup, then try again.';

const NOT_A_KEY_FILE: LocalFailure = {
  ok: false,
  userError: { code: 'file', message: new NotLatchkeyCodeError('key-file').message },
};

/**
 * Sign in, step 2: "Authenticate this device" with the Authentication Kit, by one of four ways (DESIGN §1).
 * Images and PDFs are read here, in the popup (pdf.js and canvas live in pages, not in the service worker);
 * the background opens the kit with the pending password and says exactly what is wrong (DESIGN §6).
 */
export const AuthenticateModel = createModel((deps: PopupDeps) => {
  const { app, send } = deps;
  const task = createTask();
  /** Set once the camera tab is open: the popup then tells the user to continue there. */
  const cameraTabOpen = signal(false);

  async function run(
    progress: string,
    read: () => Promise<{ text: string } | LocalFailure>,
    source: KitSource,
  ) {
    const pending = app.status.value;
    const status = await task.run(
      progress,
      async () => {
        const got = await read();
        if ('ok' in got) return got;
        task.setProgress('Checking your kit and password…');
        return send('signIn.authenticate', { kitText: got.text, source });
      },
      { onFailure: (error) => afterFailure(error, pending) },
    );
    if (status !== null) app.show(status);
  }

  /**
   * "Incorrect password" ends the pending sign-in in the background (it drops the password it held), so this
   * screen could not take another kit: the user types the password again on Sign in, email and server kept.
   */
  function afterFailure(error: UserError, pending: AccountStatus | null): void {
    if (error.code === 'wrong-password' && pending?.phase === 'authenticating') {
      app.go({
        screen: 'sign-in',
        retry: { email: pending.email, serverUrl: pending.serverUrl, message: error.message },
      });
      return;
    }
    app.followFailure(error);
  }

  async function readQr(file: Blob): Promise<{ text: string } | LocalFailure> {
    let files;
    try {
      files = await deps.loadKitFiles();
    } catch (error) {
      console.error('kit file reader failed to load', error);
      return { ok: false, userError: { code: 'internal', message: COULD_NOT_READ } };
    }
    const read = await files.readQr(file);
    return read.ok ? { text: read.text } : { ok: false, userError: read.error };
  }

  return {
    task,
    cameraTabOpen,
    email: computed(() => {
      const status = app.status.value;
      return status !== null && 'email' in status ? status.email : '';
    }),
    fromImage: (file: Blob) => run('Reading the image…', () => readQr(file), 'qr-image'),
    fromPdf: (file: Blob) => run('Reading the PDF…', () => readQr(file), 'qr-pdf'),
    fromKeyFile: (file: Blob) =>
      run(
        'Reading the key file…',
        async () => {
          if (file.size > KEY_FILE_MAX_BYTES) return NOT_A_KEY_FILE;
          const text = await file.text();
          return text.length > KIT_TEXT_MAX_CHARS || text.trim().length === 0 ? NOT_A_KEY_FILE : { text };
        },
        'key-file',
      ),
    async scanWithCamera() {
      await deps.openScanTab();
      cameraTabOpen.value = true;
    },
    async cancel() {
      const status = await task.run('Cancelling…', () => send('signIn.cancel', {}), {
        onFailure: app.followFailure,
      });
      if (status !== null) app.show(status);
    },
  };
});

export type AuthenticateModel = InstanceType<typeof AuthenticateModel>;
