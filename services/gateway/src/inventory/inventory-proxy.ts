import http from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@fleetward/platform';
import type { Caller } from '@fleetward/contracts';
import type { Request, Response } from 'express';

/**
 * Streams a request to the inventory's internal HTTP port and its answer back, for payloads too large for a NATS
 * message (CSV uploads, exports). The authenticated caller travels in `x-fleetward-caller`; nothing is buffered.
 */
@Injectable()
export class InventoryProxy {
  private readonly base: URL;

  constructor(@Inject(APP_CONFIG) config: { INVENTORY_HTTP_URL: string }) {
    this.base = new URL(config.INVENTORY_HTTP_URL);
  }

  forward(
    req: Request,
    res: Response,
    caller: Caller,
    path: string,
    query: Record<string, string | undefined>,
  ): Promise<void> {
    const url = new URL(path, this.base);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
    const headers: http.OutgoingHttpHeaders = { 'x-fleetward-caller': JSON.stringify(caller) };
    if (req.headers['content-type']) headers['content-type'] = req.headers['content-type'];
    if (req.headers['content-length']) headers['content-length'] = req.headers['content-length'];
    return new Promise((resolve) => {
      const upstream = http.request(url, { method: req.method, headers }, (answer) => {
        res.status(answer.statusCode ?? 502);
        for (const h of ['content-type', 'content-disposition'])
          if (answer.headers[h]) res.setHeader(h, answer.headers[h]!);
        answer.pipe(res);
        answer.on('end', resolve);
        answer.on('error', () => resolve());
      });
      upstream.on('error', () => {
        if (!res.headersSent) {
          res
            .status(503)
            .type('application/problem+json')
            .send(
              JSON.stringify({ type: 'about:blank', title: 'inventory unavailable', status: 503, code: 'UNAVAILABLE' }),
            );
        } else res.destroy();
        resolve();
      });
      if (req.method === 'GET') upstream.end();
      else req.pipe(upstream);
    });
  }
}
