/** A failed API call, from the gateway's problem+json body when there is one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: unknown = null,
  ) {
    super(message);
  }
}

export type TokenSource = () => string | null;

export class ApiClient {
  constructor(
    private readonly token: TokenSource,
    private readonly onUnauthorised: () => void,
  ) {}

  async request<T>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = this.token();
    if (token) headers['Authorization'] = `Bearer ${token}`;
    let payload: BodyInit | undefined;
    if (body !== undefined) {
      headers['Content-Type'] = contentType;
      payload = typeof body === 'string' || body instanceof Blob ? body : JSON.stringify(body);
    }
    let res: Response;
    try {
      res = await fetch(path, { method, headers, body: payload });
    } catch (err) {
      throw new ApiError(0, 'NETWORK', `The gateway could not be reached (${err instanceof Error ? err.message : String(err)})`);
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    if (!res.ok) {
      const p = (json && typeof json === 'object' ? json : {}) as { code?: string; detail?: string; title?: string };
      if (res.status === 401) this.onUnauthorised();
      throw new ApiError(res.status, p.code ?? `HTTP_${res.status}`, p.detail ?? p.title ?? res.statusText, json);
    }
    return json as T;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  /** Downloads a CSV (or any file) with the bearer credential, then hands it to the browser as a file. */
  async download(path: string, fileName: string): Promise<void> {
    const token = this.token();
    const res = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    if (!res.ok) throw new ApiError(res.status, `HTTP_${res.status}`, `Export failed (${res.status})`);
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/** List responses are `{ items, nextCursor }`; some are bare arrays. */
export function itemsOf<T>(body: unknown): { items: T[]; nextCursor: string | null } {
  if (Array.isArray(body)) return { items: body as T[], nextCursor: null };
  const b = (body ?? {}) as { items?: T[]; nextCursor?: string | null };
  return { items: Array.isArray(b.items) ? b.items : [], nextCursor: b.nextCursor ?? null };
}
