import { useModel } from '@preact/signals';
import { BusyButton } from '../components/busy-button';
import { FileButton } from '../components/file-button';
import { MessageArea } from '../components/message-area';
import { Notice } from '../components/notice';
import { Screen } from '../components/screen';
import { AuthenticateModel } from '../models/authenticate-model';
import type { PopupDeps } from '../models/popup-deps';

/** What each picker accepts; readQrFromFile sniffs the bytes anyway, this only narrows the dialog. */
const IMAGE_TYPES = 'image/png,image/jpeg,image/webp';
const PDF_TYPES = 'application/pdf';
const KEY_FILE_TYPES = '.lkkey,text/plain';

export function Authenticate({ deps }: { deps: PopupDeps }) {
  const model = useModel(() => new AuthenticateModel(deps));
  const { task } = model;
  const busy = task.busy.value;
  return (
    <Screen title="Authenticate this device">
      <p class="lead">
        Signing in as <strong>{model.email.value}</strong>. Show Latchkey your Authentication Kit, the QR code
        you saved or were emailed when you created your account:
      </p>
      <div class="actions grid">
        <FileButton
          label="Upload image"
          inputLabel="QR code image"
          accept={IMAGE_TYPES}
          onFile={model.fromImage}
          blocked={busy}
        />
        <FileButton
          label="Upload PDF"
          inputLabel="Kit PDF"
          accept={PDF_TYPES}
          onFile={model.fromPdf}
          blocked={busy}
        />
        <BusyButton onClick={model.scanWithCamera} blocked={busy}>
          Scan with camera
        </BusyButton>
        <FileButton
          label="Import key file"
          inputLabel="Key file"
          accept={KEY_FILE_TYPES}
          onFile={model.fromKeyFile}
          blocked={busy}
        />
      </div>
      <Notice
        text={model.cameraTabOpen.value ? 'Continue in the camera tab that just opened.' : null}
        tone="info"
      />
      <MessageArea error={task.error} progress={task.progress} />
      <div class="actions">
        <BusyButton onClick={model.cancel} variant="link" blocked={busy}>
          Cancel
        </BusyButton>
      </div>
    </Screen>
  );
}
