import type { DataSource } from './types';

/** Files the user picked or dropped (folders arrive flattened, with their relative paths). */
export function createLocalFileDataSource(files: readonly File[]): DataSource {
  return {
    id: 'local-files',
    label: 'Local files',
    listFiles: () =>
      Promise.resolve(
        files.map((file) => ({ name: file.webkitRelativePath || file.name, blob: file })),
      ),
  };
}

/**
 * Reads a drag-and-drop payload, walking dropped folders recursively. Entries must be
 * taken synchronously from the event, so the caller passes DataTransferItems right away.
 */
export async function filesFromDataTransfer(items: DataTransferItemList): Promise<File[]> {
  const entries: FileSystemEntry[] = [];
  const plainFiles: File[] = [];
  for (const item of Array.from(items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry();
    if (entry) entries.push(entry);
    else {
      // Some sources (synthetic drags, some platforms) give files without entries.
      const file = item.getAsFile();
      if (file) plainFiles.push(file);
    }
  }
  const files: File[] = [...plainFiles];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) =>
        (entry as FileSystemFileEntry).file(resolve, reject),
      );
      Object.defineProperty(file, 'webkitRelativePath', {
        value: entry.fullPath.replace(/^\//, ''),
      });
      files.push(file);
      return;
    }
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries returns at most ~100 entries per call: read until it returns none.
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
        reader.readEntries(resolve, reject),
      );
      if (batch.length === 0) break;
      for (const child of batch) await walk(child);
    }
  };
  for (const entry of entries) await walk(entry);
  return files;
}
