import type { RgbaImage } from '../qr/rgba-image';

/**
 * Draws an image (a decoded file, a PDF image) onto an opaque white canvas of `width` × `height` and returns
 * its pixels. White first, because a transparent PNG screenshot of a QR code would otherwise read as
 * black-on-black: transparent pixels are (0, 0, 0, 0) and the decoder looks at colour only. Scaling, if any,
 * uses the browser's high-quality filter, which averages away noise as it shrinks.
 */
export function drawToRgba(source: CanvasImageSource, width: number, height: number): RgbaImage {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2D canvas context available');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, 0, 0, width, height);
  const { data } = context.getImageData(0, 0, width, height);
  return { data, width, height };
}
