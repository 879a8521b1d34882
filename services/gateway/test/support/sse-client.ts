export interface SseMessage {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

/** A minimal Server-Sent Events reader over fetch, for tests. */
export class SseClient {
  readonly messages: SseMessage[] = [];
  private readonly abort = new AbortController();
  private buffer = '';
  status = 0;

  static async open(url: string, headers: Record<string, string>): Promise<SseClient> {
    const client = new SseClient();
    const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: client.abort.signal });
    client.status = res.status;
    if (res.body) void client.pump(res.body);
    return client;
  }

  get events(): SseMessage[] {
    return this.messages.filter((m) => m.data !== undefined);
  }

  close(): void {
    this.abort.abort();
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of body) {
        this.buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = this.buffer.indexOf('\n\n')) >= 0) {
          this.messages.push(parse(this.buffer.slice(0, end)));
          this.buffer = this.buffer.slice(end + 2);
        }
      }
    } catch {
      // aborted by close()
    }
  }
}

function parse(block: string): SseMessage {
  const m: SseMessage = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) m.comment = line.slice(1).trim();
    else {
      const i = line.indexOf(':');
      const field = line.slice(0, i);
      const value = line.slice(i + 1).replace(/^ /, '');
      if (field === 'id' || field === 'event' || field === 'data') m[field] = value;
    }
  }
  return m;
}
