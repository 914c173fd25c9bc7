// Sends a file as the raw body of POST /v1/imports/uploads with XMLHttpRequest, because fetch
// cannot report upload progress. Errors become the same ApiError as the api() helper's.
import { ApiError, withQuery } from '../../api';
import type { UploadPreview } from '../../../../src/services/import/jobs/preview-file';

export function uploadFile(file: File, opts: { entity: string; csrfToken: string | undefined; onProgress: (percent: number) => void }): Promise<UploadPreview> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', withQuery('/v1/imports/uploads', { name: file.name, entity: opts.entity }));
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    const token = opts.csrfToken ?? /(?:^|;\s*)tend_csrf=([^;]*)/.exec(document.cookie)?.[1];
    if (token) xhr.setRequestHeader('x-csrf-token', decodeURIComponent(token));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) opts.onProgress(Math.floor((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: reported below
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as UploadPreview);
      const err = (body as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
      reject(new ApiError(xhr.status, err?.code ?? 'http_error', err?.message ?? `${xhr.status} ${xhr.statusText}`, err?.field));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'the upload was interrupted'));
    xhr.send(file);
  });
}
