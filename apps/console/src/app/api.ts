/**
 * The console's only door to the Kouan API: JSON over fetch with the session token, and errors
 * turned into ApiError carrying the API's own code, bilingual message and field.
 */
const TOKEN_KEY = 'kouan.session';

export type Bilingual = { zh: string; en: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: Bilingual,
    readonly field?: string,
    readonly requestId?: string,
  ) {
    super(messages.en);
    this.name = 'ApiError';
  }
}

export function getToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string | null): void {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

type Listener = () => void;
const unauthorisedListeners = new Set<Listener>();
/** Called when the API says the session is gone (expired or revoked). */
export function onUnauthorised(listener: Listener): () => void {
  unauthorisedListeners.add(listener);
  return () => unauthorisedListeners.delete(listener);
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function toError(response: Response): Promise<ApiError> {
  const fallback: Bilingual = {
    zh: `请求失败（HTTP ${response.status}）`,
    en: `request failed (HTTP ${response.status})`,
  };
  try {
    const body = (await response.json()) as {
      error?: { code?: string; message?: Bilingual; field?: string; requestId?: string };
    };
    const e = body.error;
    if (e?.code && e.message) return new ApiError(response.status, e.code, e.message, e.field, e.requestId);
  } catch {
    // not JSON: keep the fallback message
  }
  return new ApiError(response.status, 'HTTP_ERROR', fallback);
}

export async function apiFetch(
  method: string,
  path: string,
  options: { query?: Query; body?: unknown; accept?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', {
      zh: '无法连接服务器，请检查网络后重试',
      en: 'cannot reach the server; check the network and try again',
    });
  }
  if (!response.ok) {
    const error = await toError(response);
    if (response.status === 401 && token) for (const listener of unauthorisedListeners) listener();
    throw error;
  }
  return response;
}

export async function api<T>(
  method: string,
  path: string,
  options: { query?: Query; body?: unknown } = {},
): Promise<T> {
  const response = await apiFetch(method, path, options);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

export const get = <T>(path: string, query?: Query) => api<T>('GET', path, { query });
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, { body: body ?? {} });

/** A page as every list endpoint returns it. */
export type Page<T> = { items: T[]; page: number; pageSize: number; total: number };
