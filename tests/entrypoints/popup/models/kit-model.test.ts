import { describe, expect, test } from 'vitest';
import { readKeyFile } from '../../../../lib/account/key-file';
import { KIT_EMAIL_FAILED, KitModel, qrImageSource } from '../../../../entrypoints/popup/models/kit-model';
import { readPngQr } from '../support/node-kit-files';
import { kitArtifacts, startPopup, UNLOCKED } from '../support/popup-harness';

describe('KitModel', () => {
  test('says where the kit was emailed (masked), that it was not, or nothing when not asked', async () => {
    const { deps } = await startPopup(UNLOCKED);
    expect(new KitModel(deps, await kitArtifacts(true), 'sign-up').emailLine.value).toEqual({
      ok: true,
      text: 'Email sent to j•••@example.com',
    });
    expect(new KitModel(deps, await kitArtifacts(false), 'sign-up').emailLine.value).toEqual({
      ok: false,
      text: KIT_EMAIL_FAILED,
    });
    expect(new KitModel(deps, await kitArtifacts(null), 'show').emailLine.value).toBeNull();
  });

  test('shows the QR as an SVG image and the creation date in words', async () => {
    const { deps } = await startPopup(UNLOCKED);
    const kit = await kitArtifacts();
    const model = new KitModel(deps, kit, 'sign-up');
    expect(model.qrSource.value).toBe(qrImageSource(kit.payloadText));
    expect(decodeURIComponent(model.qrSource.value)).toMatch(/^data:image\/svg\+xml;charset=utf-8,<svg /);
    expect(model.createdOn.value).toBe('November 21, 2026');
  });

  test('Continue does nothing until "I have saved my kit" is checked, then moves on', async () => {
    const { deps } = await startPopup(UNLOCKED);
    const model = new KitModel(deps, await kitArtifacts(), 'sign-up');
    deps.app.go({ screen: 'kit', kit: model.kit.value, reason: 'sign-up' });
    expect(model.canContinue.value).toBe(false);
    model.proceed();
    expect(deps.app.route.value.screen).toBe('kit');
    model.setSaved(true);
    model.proceed();
    expect(deps.app.route.value).toEqual({ screen: 'recovery-kit', from: 'sign-up' });
  });

  test('downloads a PNG that decodes back to the payload, a PDF, and a key file that reads back', async () => {
    const harness = await startPopup(UNLOCKED);
    const kit = await kitArtifacts();
    const model = new KitModel(harness.deps, kit, 'sign-up');
    await model.downloadPng();
    await model.downloadPdf();
    await model.saveKeyFile();
    expect(model.task.error.value).toBeNull();
    const [png, pdf, keyFile] = harness.downloads;
    expect(png?.fileName).toBe('latchkey-kit-2026-11-21.png');
    expect(png?.mimeType).toBe('image/png');
    expect(await readPngQr(new Blob([png?.data as Uint8Array<ArrayBuffer>]))).toBe(kit.payloadText);
    expect(pdf?.fileName).toBe('latchkey-kit-2026-11-21.pdf');
    expect(pdf?.mimeType).toBe('application/pdf');
    expect(new TextDecoder().decode((pdf?.data as Uint8Array).subarray(0, 5))).toBe('%PDF-');
    expect(keyFile?.fileName).toBe('latchkey-key-2026-11-21.lkkey');
    expect(readKeyFile(keyFile?.data as string).payloadText).toBe(kit.payloadText);
  });

  test('reports a file it failed to make, and keeps the screen usable', async () => {
    const harness = await startPopup(UNLOCKED);
    harness.deps.loadKitFiles = async () => {
      throw new Error('chunk failed to load');
    };
    const model = new KitModel(harness.deps, await kitArtifacts(), 'show');
    const original = console.error;
    console.error = () => undefined;
    try {
      await model.downloadPdf();
    } finally {
      console.error = original;
    }
    expect(model.task.error.value?.message).toBe('Latchkey could not make this file. Try again.');
    expect(model.task.busy.value).toBe(false);
    await model.saveKeyFile();
    expect(harness.downloads).toHaveLength(1);
  });
});
