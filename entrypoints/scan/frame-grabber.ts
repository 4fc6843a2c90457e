import type { RgbaImage } from '../../lib/qr/rgba-image';

/**
 * Copies the current camera frame, shrunk so its longer side is at most `maxSide`, into RGBA pixels for the
 * decoder. A camera gives 0.3–8 MP frames; a QR held in front of it fills a good part of the picture, so
 * 800 px keeps 2–3 px per module for a version-10 code across a third of the frame while decoding in
 * ~10 ms (lib/qr/README.md, "Timings"), which leaves the page responsive at five frames a second.
 */
export const DEFAULT_MAX_SIDE = 800;

export class FrameGrabber {
  private canvas: OffscreenCanvas | null = null;
  private context: OffscreenCanvasRenderingContext2D | null = null;

  constructor(private readonly maxSide = DEFAULT_MAX_SIDE) {
    if (!(maxSide >= 64)) throw new RangeError(`maxSide must be at least 64, got ${maxSide}`);
  }

  /** The frame on screen now, or null while the video has no picture yet (starting, or a 0×0 track). */
  grab(video: HTMLVideoElement): RgbaImage | null {
    const { videoWidth, videoHeight } = video;
    if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || videoWidth === 0 || videoHeight === 0) {
      return null;
    }
    const scale = Math.min(1, this.maxSide / Math.max(videoWidth, videoHeight));
    const width = Math.max(1, Math.round(videoWidth * scale));
    const height = Math.max(1, Math.round(videoHeight * scale));
    const context = this.contextFor(width, height);
    // drawImage scales with the browser's own filtering, which averages rather than drops pixels.
    context.drawImage(video, 0, 0, width, height);
    return context.getImageData(0, 0, width, height);
  }

  private contextFor(width: number, height: number): OffscreenCanvasRenderingContext2D {
    if (this.canvas === null || this.context === null) {
      this.canvas = new OffscreenCanvas(width, height);
      // willReadFrequently keeps the canvas in memory instead of on the GPU: every frame is read back.
      this.context = this.canvas.getContext('2d', { willReadFrequently: true });
      if (this.context === null) throw new Error('this browser has no 2D canvas');
    } else if (this.canvas.width !== width || this.canvas.height !== height) {
      // The camera can change resolution mid-stream (rotation, another camera); resizing clears the canvas.
      this.canvas.width = width;
      this.canvas.height = height;
    }
    return this.context;
  }
}
