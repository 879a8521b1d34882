/** A minimal client of the gateway's public API for the simulator's registration (bearer API key, JSON). */
export class GatewayClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  /** The answer's JSON; `null` for 409 when `conflictOk` (the resource exists: registering again resumes). */
  async request<T>(method: string, path: string, body?: unknown, o: { conflictOk?: boolean; contentType?: string } = {}): Promise<T | null> {
    const res = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: {
        authorization: `Bearer ${this.apiKey}`,
        ...(body !== undefined && { 'content-type': o.contentType ?? 'application/json' }),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    if (res.status === 409 && o.conflictOk) return null;
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
    return res.status === 204 ? (null as T) : ((await res.json()) as T);
  }

  async get<T>(path: string): Promise<T> {
    return (await this.request<T>('GET', path))!;
  }

  /** Every item of a cursor-paged list (`{ items, nextCursor }`). */
  async all<T>(path: string): Promise<T[]> {
    const out: T[] = [];
    let cursor: string | null = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page: { items: T[]; nextCursor: string | null } = await this.get(
        `${path}${sep}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  }
}
