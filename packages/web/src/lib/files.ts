/** Files in and out of the browser: kinds of upload, reading text, and saving a download. */

export type UploadKind = 'document' | 'csv' | 'unknown';

/** What a dropped file is, by its name: an ecosystem document (YAML/JSON) or a CSV sheet. */
export function uploadKind(name: string): UploadKind {
  const n = name.toLowerCase();
  if (n.endsWith('.yaml') || n.endsWith('.yml') || n.endsWith('.json')) return 'document';
  if (n.endsWith('.csv')) return 'csv';
  return 'unknown';
}

/** Which CSV a sheet probably is, by its name and header row. */
export function csvRole(name: string, text: string): 'actors' | 'relationships' {
  const header = (text.split(/\r?\n/, 1)[0] ?? '').toLowerCase();
  if (/(^|,)\s*"?from"?\s*(,|$)/.test(header) && /(^|,)\s*"?to"?\s*(,|$)/.test(header))
    return 'relationships';
  if (/relationship|ties|edges/i.test(name)) return 'relationships';
  return 'actors';
}

/** "1.2 MB", "830 B". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Saves text as a file the browser downloads. */
export function saveText(text: string, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
