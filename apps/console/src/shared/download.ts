import { apiFetch } from '../app/api';

/**
 * Downloads an authenticated API response as a file (the browser cannot add the token to a plain
 * link), under the name the server gives (Content-Disposition) or else `fileName`.
 */
export async function downloadFromApi(path: string, fileName: string): Promise<void> {
  const response = await apiFetch('GET', path);
  const blob = await response.blob();
  const given = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
  saveBlob(blob, given ?? fileName);
}

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
