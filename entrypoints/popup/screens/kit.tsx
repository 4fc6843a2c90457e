import { useModel } from '@preact/signals';
import type { KitArtifacts } from '../../../lib/messaging/protocol';
import { BusyButton } from '../components/busy-button';
import { Checkbox } from '../components/checkbox';
import { MessageArea } from '../components/message-area';
import { Screen } from '../components/screen';
import { KitModel } from '../models/kit-model';
import type { PopupDeps } from '../models/popup-deps';
import type { KitReason } from '../models/route';

interface KitProps {
  deps: PopupDeps;
  kit: KitArtifacts;
  reason: KitReason;
}

const INTRO: Record<KitReason, string> = {
  'sign-up': 'To sign in on another browser you need this QR code and your password. Save it now.',
  'password-change': 'Your password changed, so your old QR codes no longer work. Save this new kit.',
  recovery: 'Your password changed, so your old QR codes no longer work. Save this new kit.',
  show: 'Together with your password, this QR code signs in to Latchkey on another browser. Keep it private.',
};

export function Kit({ deps, kit, reason }: KitProps) {
  const model = useModel(() => new KitModel(deps, kit, reason));
  const { task } = model;
  const emailLine = model.emailLine.value;
  const busy = task.busy.value;
  return (
    <Screen title="Your Authentication Kit">
      <p class="lead">{INTRO[reason]}</p>
      <figure class="kit-qr">
        <img src={model.qrSource.value} alt="Authentication QR Code" width={176} height={176} />
        <figcaption>
          <span class="kit-email">{breakableEmail(model.kit.value.email)}</span>
          <span>Created {model.createdOn.value}</span>
        </figcaption>
      </figure>
      <div class="actions">
        <BusyButton onClick={model.downloadPng} blocked={busy}>
          Download PNG
        </BusyButton>
        <BusyButton onClick={model.downloadPdf} blocked={busy}>
          Download printable PDF
        </BusyButton>
        <BusyButton onClick={model.saveKeyFile} blocked={busy}>
          Save key file
        </BusyButton>
      </div>
      <p class={`email-line ${emailLine?.ok === false ? 'warning' : 'success'}`} role="status">
        {emailLine?.text ?? ''}
      </p>
      <Checkbox id="kit-saved" label="I have saved my kit" checked={model.saved} onChange={model.setSaved} />
      <MessageArea error={task.error} progress={task.progress} />
      <div class="actions">
        <button
          type="button"
          class="button primary"
          disabled={!model.canContinue.value}
          onClick={model.proceed}
        >
          Continue
        </button>
      </div>
    </Screen>
  );
}

/** Lets a long address wrap before the "@" rather than in the middle of a word. */
function breakableEmail(email: string) {
  const at = email.lastIndexOf('@');
  if (at <= 0) return email;
  return (
    <>
      {email.slice(0, at)}
      <wbr />
      {email.slice(at)}
    </>
  );
}
