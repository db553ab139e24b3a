/** Hands a file made in the browser to the person (a download; nothing leaves the device). */
export function download(filename: string, text: string, type: string): void {
  // A byte-order mark tells Excel the CSV is UTF-8 (else "Søren" arrives as "SÃ¸ren").
  const parts = type.startsWith('text/csv') ? ['\ufeff', text] : [text];
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
