import { createRef, render } from 'preact';
import { sendMessage } from '../../lib/messaging/send-message';
import { decodeQrImage } from '../../lib/qr/decode';
import { loadZxing } from '../../lib/qr/zxing-reader';
import { openCamera } from './camera';
import { FrameGrabber } from './frame-grabber';
import { createScanModel } from './scan-model';
import { ScanPage } from './scan-page';
import './style.css';

/** /scan.html: wires the camera, the decoder and the background into the scan model, and renders it. */
function main(): void {
  const root = document.getElementById('app');
  if (!root) return;
  const videoRef = createRef<HTMLVideoElement>();
  const grabber = new FrameGrabber();
  const mediaDevices = navigator.mediaDevices as MediaDevices | undefined;
  const model = createScanModel({
    sendMessage,
    openCamera: () => openCamera(mediaDevices ? (c) => mediaDevices.getUserMedia(c) : undefined),
    decode: decodeQrImage,
    grab: () => (videoRef.current ? grabber.grab(videoRef.current) : null),
  });
  render(<ScanPage model={model} videoRef={videoRef} />, root);

  // The decoder's WebAssembly compiles while the camera starts, not on the first frame.
  void loadZxing();
  void model.start();
  // Closing or navigating away turns the camera off at once (a page in the back/forward cache keeps its
  // stream otherwise); coming back from that cache starts over.
  window.addEventListener('pagehide', () => model.stop());
  window.addEventListener('pageshow', (event: PageTransitionEvent) => {
    if (event.persisted) void model.start();
  });
}

main();
