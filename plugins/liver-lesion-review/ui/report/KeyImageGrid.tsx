import type { KeyImageCell } from '../../domain/report/chooseKeyImages';
import { keyImageKey, type RenderedKeyImage } from './useKeyImages';

interface KeyImageGridProps {
  readonly dates: readonly string[];
  readonly cells: ReadonlyArray<readonly KeyImageCell[]>;
  readonly images: ReadonlyMap<string, RenderedKeyImage>;
  readonly done: boolean;
}

/** Rows lesions, columns dates: each lesion on the slice of its longest axial diameter. */
export function KeyImageGrid({ dates, cells, images, done }: KeyImageGridProps) {
  return (
    <table className="report-key-images" aria-label="Key images by lesion and date">
      <thead>
        <tr>
          <th scope="col">Lesion</th>
          {dates.map((date) => (
            <th scope="col" key={date}>
              <time dateTime={date}>{date}</time>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {cells.map((row) => {
          const lesionId = row[0]?.kind === 'image' ? row[0].choice.lesionId : row[0]?.lesionId;
          return (
            <tr key={lesionId}>
              <th scope="row">{lesionId}</th>
              {row.map((cell, dateIndex) => {
                const date = dates[dateIndex]!;
                if (cell.kind === 'absent')
                  return (
                    <td key={date} className="report-absent">
                      {cell.status === 'disappeared' ? 'disappeared' : 'absent'}
                    </td>
                  );
                const image = images.get(keyImageKey(cell.choice.lesionId, dateIndex));
                if (!image) return <td key={date}>{done ? 'not rendered' : 'rendering…'}</td>;
                if (image.kind === 'error')
                  return <td key={date}>Key image not available: {image.message}</td>;
                const bar = image.scaleBarMm !== null ? `scale bar ${image.scaleBarMm} mm` : '';
                return (
                  <td key={date}>
                    <figure className="report-key-image">
                      <img
                        src={image.url}
                        width={image.width}
                        height={image.width}
                        data-testid={`key-image-${cell.choice.lesionId}-${dateIndex}`}
                        alt={`${cell.choice.lesionId} on ${date}, slice ${image.slice + 1} of ${image.sliceCount}, outlined in its segment colour${bar ? `, ${bar}` : ''}`}
                      />
                      <figcaption>
                        slice {image.slice + 1}/{image.sliceCount}
                        {bar ? ` · bar ${image.scaleBarMm} mm` : ''}
                      </figcaption>
                    </figure>
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
