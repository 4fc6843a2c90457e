import { qrModules } from '../../../lib/qr/make';

/**
 * A YUV4MPEG2 video (the uncompressed format Chromium's fake camera plays:
 * --use-file-for-fake-video-capture=<file>.y4m, looped) showing a QR code, as a laptop camera would see a
 * phone held up to it. Format: https://wiki.multimedia.cx/index.php/YUV4MPEG2 — a text header, then per frame
 * "FRAME\n" and the planes: Y (width × height), then Cb and Cr at quarter size (C420).
 */
export interface Y4mOptions {
  width?: number;
  height?: number;
  /** Pixels per QR module. */
  moduleSize?: number;
  frames?: number;
  fps?: number;
}

/** Luma of the paper and the ink: a camera never sees pure white or black. */
const PAPER_Y = 215;
const INK_Y = 35;

export function qrVideoY4m(text: string, options: Y4mOptions = {}): Buffer {
  const { width = 640, height = 480, moduleSize = 5, frames = 6, fps = 10 } = options;
  if (width % 2 !== 0 || height % 2 !== 0) throw new RangeError('C420 needs an even width and height');
  const code = qrModules(text);
  const side = (code.size + 8) * moduleSize; // with the 4-module quiet zone on each side
  if (side > Math.min(width, height))
    throw new RangeError(`a ${side} px code does not fit ${width}×${height}`);
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);

  const luma = Buffer.alloc(width * height, 90); // a dim background around the lit paper
  for (let y = top; y < top + side; y++) {
    for (let x = left; x < left + side; x++) {
      const mx = Math.floor((x - left) / moduleSize) - 4;
      const my = Math.floor((y - top) / moduleSize) - 4;
      const inCode = mx >= 0 && my >= 0 && mx < code.size && my < code.size;
      luma[y * width + x] = inCode && code.dark(mx, my) ? INK_Y : PAPER_Y;
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128); // grey: no colour
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`)];
  for (let frame = 0; frame < frames; frame++) {
    // A little sensor noise that differs per frame, so consecutive frames are not identical pictures.
    const noisy = Buffer.from(luma);
    for (let i = frame; i < noisy.length; i += 7)
      noisy[i] = Math.max(0, Math.min(255, noisy[i]! + ((i * 31 + frame * 17) % 9) - 4));
    parts.push(Buffer.from('FRAME\n'), noisy, chroma);
  }
  return Buffer.concat(parts);
}
