import { useEffect, useRef } from 'preact/hooks';
import type { Ref } from 'preact';
import { SIGNED_IN_MESSAGE, type ScanModel, type ScanState } from './scan-model';

/**
 * The camera scan tab (DESIGN §1: popups cannot ask for the camera, so the popup opens this page). It renders
 * the model's state; every message that needs the user's attention is in a role="alert" so a screen reader
 * announces it, and progress is in a polite role="status".
 */
export function ScanPage({ model, videoRef }: { model: ScanModel; videoRef: Ref<HTMLVideoElement> }) {
  const state = model.state.value;
  return (
    <main class="scan">
      <h1>Scan your Authentication QR Code</h1>
      {state.kind === 'starting' || state.kind === 'scanning' ? (
        <p class="lead">
          Hold the Authentication QR Code from your kit (printed, or on another screen) in front of the
          camera, about 20 cm away, until it is read.
        </p>
      ) : null}
      {/* What happens, and any error, sits above the picture so it is seen without scrolling. */}
      <Feedback state={state} onRetry={() => void model.start()} />
      {state.kind === 'starting' || state.kind === 'scanning' ? (
        <Viewfinder state={state} videoRef={videoRef} />
      ) : null}
    </main>
  );
}

function Viewfinder({ state, videoRef }: { state: ScanState; videoRef: Ref<HTMLVideoElement> }) {
  const stream = state.kind === 'scanning' ? state.stream : null;
  useEffect(() => {
    const video = typeof videoRef === 'object' ? videoRef?.current : null;
    if (!video) return;
    video.srcObject = stream;
    if (stream) video.play().catch(() => undefined); // autoplay+muted starts it; play() covers older engines
  }, [stream, videoRef]);
  // The frame has its size before the camera answers, so nothing moves when the picture arrives.
  return (
    <div class={`viewfinder${stream ? ' live' : ''}`}>
      <video ref={videoRef} autoPlay muted playsInline aria-label="Camera picture" />
      {stream ? <div class="target" aria-hidden="true" /> : null}
    </div>
  );
}

function Feedback({ state, onRetry }: { state: ScanState; onRetry: () => void }) {
  const focusRef = useRef<HTMLButtonElement>(null);
  const failed = state.kind === 'failed';
  useEffect(() => {
    // After an error, keyboard users land on the way forward.
    if (failed) focusRef.current?.focus();
  }, [failed]);

  switch (state.kind) {
    case 'checking':
      return <p role="status">Checking the sign-in…</p>;
    case 'idle':
      return <p role="alert">{state.message}</p>;
    case 'starting':
      return <p role="status">Starting the camera… If the browser asks, allow Latchkey to use the camera.</p>;
    case 'scanning':
      return (
        <>
          <p role="status">Looking for a QR code…</p>
          {state.hint !== null ? (
            <p role="alert" class="hint">
              {state.hint}
            </p>
          ) : null}
        </>
      );
    case 'submitting':
      return <p role="status">QR code found. Checking it with your password…</p>;
    case 'signed-in':
      return (
        <p role="status" class="success">
          {SIGNED_IN_MESSAGE}
        </p>
      );
    case 'failed':
      return (
        <>
          <p role="alert" class="error">
            {state.message}
          </p>
          {state.next !== undefined ? <p>{state.next}</p> : null}
          {state.retryLabel !== null ? (
            <button type="button" ref={focusRef} onClick={onRetry}>
              {state.retryLabel}
            </button>
          ) : null}
        </>
      );
  }
}
