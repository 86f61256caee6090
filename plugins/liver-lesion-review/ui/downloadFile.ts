/** Saves data as a file through the browser's download (an <a download> on an object URL). */
export function downloadFile(data: Blob, fileName: string): void {
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started reading the URL; release the Blob once it surely has.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
