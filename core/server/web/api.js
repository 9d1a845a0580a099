// The server's API (/api/v1), the only way the pages reach the repository.
// Changes carry the session's CSRF token; an error keeps the API's code, the
// core's own words — in Chinese for a Chinese reader when the server has
// them (message_zh) — and the field it names.
import { lang } from './i18n.js';

let csrfToken = '';

export function setCsrfToken(token) {
  csrfToken = token ?? '';
}

export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

function wordsOf(error) {
  return lang() === 'zh' && error.message_zh ? error.message_zh : error.message;
}

async function errorOf(response) {
  let code = 'http_' + response.status;
  let message = response.statusText;
  let field;
  try {
    const body = await response.json();
    if (body.error) ({ code, field } = body.error);
    if (body.error) message = wordsOf(body.error);
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(response.status, code, message, field);
}

// api('GET', '/documents', {query: {type: 'contract'}}) -> parsed JSON (or null for 204)
export async function api(method, path, { query, body, form } = {}) {
  const url = new URL('/api/v1' + path, window.location.origin);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, value);
  }
  const headers = { Accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = csrfToken;
  let payload;
  if (form) {
    payload = form;  // multipart: the browser writes the boundary
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
  if (!response.ok) throw await errorOf(response);
  if (response.status === 204) return null;
  return response.json();
}

// The address of a document's file, for a link or a frame.
export function fileUrl(ref, name, { version, inline } = {}) {
  const url = new URL(`/api/v1/documents/${encodeURIComponent(ref)}/files/${encodeURIComponent(name)}`,
    window.location.origin);
  if (version) url.searchParams.set('version', version);
  if (inline) url.searchParams.set('inline', '1');
  return url.pathname + url.search;
}

// A multipart upload with progress (fetch cannot report an upload's
// progress): onProgress(sentBytes, totalBytes) as the body leaves.
export function upload(method, path, form, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(method, '/api/v1' + path);
    request.setRequestHeader('Accept', 'application/json');
    request.setRequestHeader('X-CSRF-Token', csrfToken);
    request.upload.addEventListener('progress', (e) => { if (e.lengthComputable) onProgress?.(e.loaded, e.total); });
    request.addEventListener('load', () => {
      let body = null;
      try {
        body = request.responseText ? JSON.parse(request.responseText) : null;
      } catch {
        // not JSON
      }
      if (request.status >= 200 && request.status < 300) return resolve(body);
      const error = body?.error ?? {};
      reject(new ApiError(request.status, error.code ?? `http_${request.status}`, wordsOf(error) ?? request.statusText,
        error.field));
    });
    request.addEventListener('error', () => reject(new ApiError(0, 'network', '网络连接中断 / the connection failed')));
    request.send(form);
  });
}
