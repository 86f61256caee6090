import type { KeyImage } from '../../domain/report/renderKeyImage';

/** A rendered key image as a PNG data URL (the page's CSP allows img-src data:). */
export function keyImageToDataUrl(image: KeyImage): string {
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas context for the key image.');
  const pixels = context.createImageData(image.width, image.height);
  pixels.data.set(image.rgba);
  context.putImageData(pixels, 0, 0);
  return canvas.toDataURL('image/png');
}
