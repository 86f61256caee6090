import { useRef } from 'react';

interface OpenControlsProps {
  readonly onFiles: (files: File[]) => void;
  readonly onSamples: () => void;
  readonly busy: boolean;
}

/** File and folder pickers (folders are read recursively) and the bundled sample patient. */
export function OpenControls({ onFiles, onSamples, busy }: OpenControlsProps) {
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const take = (input: HTMLInputElement | null): void => {
    if (!input?.files) return;
    const files = Array.from(input.files);
    input.value = '';
    if (files.length > 0) onFiles(files);
  };
  return (
    <div className="open-controls">
      <button type="button" onClick={() => filesInput.current?.click()} disabled={busy}>
        Open files…
      </button>
      <button type="button" onClick={() => folderInput.current?.click()} disabled={busy}>
        Open folder…
      </button>
      <button type="button" onClick={onSamples} disabled={busy}>
        Load sample patient
      </button>
      <input
        ref={filesInput}
        type="file"
        multiple
        hidden
        aria-label="DICOM files to open"
        data-testid="open-files-input"
        onChange={(e) => take(e.currentTarget)}
      />
      <input
        ref={(el) => {
          folderInput.current = el;
          // webkitdirectory is not in React's attribute types; set it on the element.
          el?.setAttribute('webkitdirectory', '');
        }}
        type="file"
        multiple
        hidden
        aria-label="DICOM folder to open"
        data-testid="open-folder-input"
        onChange={(e) => take(e.currentTarget)}
      />
    </div>
  );
}
