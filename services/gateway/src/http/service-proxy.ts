import http from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, CALLER_ASSERTION_HEADER, CallerSigner } from '@fleetward/platform';
import type { Caller } from '@fleetward/contracts';
import type { Request, Response } from 'express';
import type { GatewaySettings } from '../gateway-settings.js';

/** The services whose internal HTTP port the gateway streams to (their `<SERVICE>_HTTP_URL` setting). */
export type ProxiedService = 'inventory' | 'lifecycle';

/**
 * Streams a request to a service's internal HTTP port and its answer back, for payloads too large for a NATS message
 * (CSV uploads, exports, reports). The authenticated caller travels as a caller assertion for that service (in
 * `x-fleetward-caller-assertion`), which the service verifies before reading the body; nothing is buffered.
 */
@Injectable()
export class ServiceProxy {
  private readonly bases: Record<ProxiedService, URL>;
  private readonly signer: CallerSigner;

  constructor(
    @Inject(APP_CONFIG)
    config: Pick<
      GatewaySettings,
      'INVENTORY_HTTP_URL' | 'LIFECYCLE_HTTP_URL' | 'CALLER_SIGNING_KEY' | 'CALLER_ASSERTION_TTL_S'
    >,
  ) {
    this.bases = { inventory: new URL(config.INVENTORY_HTTP_URL), lifecycle: new URL(config.LIFECYCLE_HTTP_URL) };
    this.signer = new CallerSigner(config.CALLER_SIGNING_KEY, config.CALLER_ASSERTION_TTL_S);
  }

  async forward(
    service: ProxiedService,
    req: Request,
    res: Response,
    caller: Caller,
    path: string,
    query: Record<string, string | undefined>,
  ): Promise<void> {
    // A body the gateway's JSON or form parser already read cannot be streamed on: the service would wait for bytes
    // that never come. These endpoints take the file itself (text/csv).
    if (req.method !== 'GET' && req.readableEnded) return Promise.resolve(void unsupportedBody(res, req));
    const url = new URL(path, this.bases[service]);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
    const headers: http.OutgoingHttpHeaders = { [CALLER_ASSERTION_HEADER]: await this.signer.mint(caller, service) };
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
              JSON.stringify({
                type: 'about:blank',
                title: `${service} unavailable`,
                status: 503,
                code: 'UNAVAILABLE',
              }),
            );
        } else res.destroy();
        resolve();
      });
      if (req.method === 'GET') upstream.end();
      else req.pipe(upstream);
    });
  }
}

function unsupportedBody(res: Response, req: Request): void {
  res
    .status(415)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: 'about:blank',
        title: 'Unsupported media type',
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        detail: `send the file itself as text/csv, not ${req.headers['content-type'] ?? 'an unnamed type'}`,
      }),
    );
}
