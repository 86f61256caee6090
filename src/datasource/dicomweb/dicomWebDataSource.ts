import type { DataSource, SourceFile } from '../types';
import type { DicomWebClient, RetrieveProgress, SeriesRecord } from './types';

export interface DicomWebDataSourceOptions {
  readonly label?: string;
  /** Progress over all the series together (instances and bytes). */
  readonly onProgress?: (progress: RetrieveProgress) => void;
  /** Each instance as soon as it has arrived (before `listFiles` resolves). */
  readonly onInstance?: (file: { readonly name: string; readonly blob: Blob }) => void;
}

/**
 * Series retrieved with WADO-RS as a DataSource: `listFiles` gives their Part 10 instances as
 * Blobs, so they go through the same ingest worker as local files.
 */
export function createDicomWebDataSource(
  client: Pick<DicomWebClient, 'retrieveSeries' | 'config'>,
  series: ReadonlyArray<
    Pick<SeriesRecord, 'studyInstanceUid' | 'seriesInstanceUid'> &
      Partial<Pick<SeriesRecord, 'numberOfInstances'>>
  >,
  options: DicomWebDataSourceOptions = {},
): DataSource {
  const known = series.map((s) => s.numberOfInstances ?? null);
  const total = known.every((n) => n !== null) ? known.reduce((a, b) => a + (b ?? 0), 0) : null;
  return {
    id: `dicomweb:${client.config.baseUrl}`,
    label: options.label ?? `PACS (${client.config.baseUrl})`,
    async listFiles(signal) {
      const files: SourceFile[] = [];
      let bytesBefore = 0;
      for (const one of series) {
        const doneBefore = files.length;
        const before = bytesBefore;
        const retrieved = await client.retrieveSeries(one, {
          ...(signal ? { signal } : {}),
          expectedInstances: one.numberOfInstances ?? null,
          onProgress: (progress) => {
            bytesBefore = before + progress.bytes;
            options.onProgress?.({
              done: doneBefore + progress.done,
              total,
              bytes: before + progress.bytes,
            });
          },
          ...(options.onInstance ? { onInstance: options.onInstance } : {}),
        });
        files.push(...retrieved);
      }
      return files;
    },
  };
}
