/** Hands bytes to the browser's download flow (Electron routes it through will-download). */
export function saveBytes(bytes: Uint8Array<ArrayBuffer>, name: string, mediaType: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: mediaType || 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
