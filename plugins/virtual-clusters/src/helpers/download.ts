/**
 * Saves `text` as a file named `fileName` in the browser's downloads, through an
 * object URL (the text was fetched with the user's credentials already).
 */
export function saveTextFile(
  fileName: string,
  text: string,
  type: string = 'text/plain',
) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
