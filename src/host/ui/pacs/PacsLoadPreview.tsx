import { useEffect, useRef, type ReactNode } from 'react';
import type { PreviewImage } from '../../../dicom/renderPreviewFrame';
import type { SeriesPreviewState } from './createSeriesPreview';

/** Longest side of the preview on screen, CSS pixels. */
const PREVIEW_SIZE_PX = 320;

/** On-screen size keeping the physical aspect ratio (non-square pixels drawn square in mm). */
function displaySize(image: PreviewImage): { width: number; height: number } {
  const [rowSpacing, columnSpacing] = image.pixelSpacingMm ?? [1, 1];
  const widthMm = image.width * (columnSpacing > 0 ? columnSpacing : 1);
  const heightMm = image.height * (rowSpacing > 0 ? rowSpacing : 1);
  const scale = PREVIEW_SIZE_PX / Math.max(widthMm, heightMm);
  return { width: Math.round(widthMm * scale), height: Math.round(heightMm * scale) };
}

function describeImage(image: PreviewImage): string {
  const parts: string[] = [];
  if (image.instanceNumber !== null) parts.push(`instance ${image.instanceNumber}`);
  if (image.positionMm !== null) parts.push(`at ${image.positionMm.toFixed(1)} mm`);
  parts.push(`window ${Math.round(image.window.center)}/${Math.round(image.window.width)}`);
  return parts.join(', ');
}

function PreviewCanvas({ image, label }: { readonly image: PreviewImage; readonly label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    context.putImageData(new ImageData(new Uint8ClampedArray(image.rgba), image.width), 0, 0);
  }, [image]);
  const size = displaySize(image);
  return (
    <canvas
      ref={canvas}
      className="pacs-preview-canvas"
      role="img"
      aria-label={label}
      width={image.width}
      height={image.height}
      style={{ width: `${size.width}px`, height: `${size.height}px` }}
    />
  );
}

/**
 * A live image of the series streaming in from the PACS (its latest decoded instance), shown
 * until the first volume of the load is displayed.
 */
export function PacsLoadPreview({ preview }: { readonly preview: SeriesPreviewState }) {
  const { shown, seriesLabel, received, total } = preview;
  const of = total ?? received;
  const counts =
    total !== null && received >= total
      ? `All ${total} received; loading into the viewer…`
      : `${received} of ${total ?? '?'} received so far`;
  const result = shown?.result ?? null;
  let picture: ReactNode;
  let caption: string;
  if (shown && result?.ok) {
    picture = (
      <PreviewCanvas
        image={result.image}
        label={`Preview of ${seriesLabel} while loading, image ${shown.index} of ${of}`}
      />
    );
    caption = `Image ${shown.index} of ${of} received: ${describeImage(result.image)}. ${counts}`;
  } else {
    picture = (
      <div className="pacs-preview-empty" role="note">
        {shown && result && !result.ok
          ? `Preview not available for image ${shown.index}: ${result.message} (${result.code})`
          : 'Waiting for the first image…'}
      </div>
    );
    caption = counts;
  }
  return (
    <figure className="pacs-preview" aria-label={`Preview of ${seriesLabel} while loading`}>
      {picture}
      <figcaption>
        <strong>{seriesLabel}</strong>
        <br />
        {caption}
      </figcaption>
    </figure>
  );
}
