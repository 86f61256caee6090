import type { SourceFile } from './types';

/** The bytes of one source file: fetched by URL or read from its Blob (a File stays on disk). */
export async function readSourceFile(source: SourceFile): Promise<ArrayBuffer> {
  if ('blob' in source) return source.blob.arrayBuffer();
  const response = await fetch(source.url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.arrayBuffer();
}

/**
 * A Blob's bytes read synchronously (FileReaderSync exists in workers only), or null for URL
 * sources and outside a worker.
 */
export function readSourceFileSync(source: SourceFile): ArrayBuffer | null {
  if (!('blob' in source) || typeof FileReaderSync === 'undefined') return null;
  return new FileReaderSync().readAsArrayBuffer(source.blob);
}
