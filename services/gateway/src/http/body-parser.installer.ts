import { Inject, Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import express, { type NextFunction, type Request, type Response } from 'express';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG } from '@fleetward/platform';
import type { GatewaySettings } from '../gateway-settings.js';
import { mapError } from './error-mapping.js';
import { PROBLEM_CONTENT_TYPE } from './problem.js';

/**
 * Installs the gateway's JSON body parser with BODY_LIMIT_BYTES, answering 413 (or 400 for malformed JSON) as
 * problem+json. It runs while the app is being created, before Nest adds its own parsers; Nest then sees parsers
 * named `jsonParser` / `urlencodedParser` in place and adds none (form bodies are not accepted at all).
 */
@Injectable()
export class BodyParserInstaller {
  private readonly logger = new Logger(BodyParserInstaller.name);

  constructor(adapterHost: HttpAdapterHost, @Inject(APP_CONFIG) config: GatewaySettings) {
    const app = adapterHost.httpAdapter?.getInstance<express.Express>();
    if (!app) {
      this.logger.warn('no HTTP adapter: body limit not installed');
      return;
    }
    app.disable('x-powered-by');
    const parse = express.json({ limit: config.BODY_LIMIT_BYTES, strict: true });
    app.use(function jsonParser(req: Request, res: Response, next: NextFunction) {
      parse(req, res, (err?: unknown) => {
        if (!err) return next();
        const { problem } = mapError(err);
        res
          .status(problem.status)
          .type(PROBLEM_CONTENT_TYPE)
          .send(JSON.stringify({ ...problem, instance: req.path, correlationId: randomUUID() }));
      });
    });
    app.use(function urlencodedParser(_req: Request, _res: Response, next: NextFunction) {
      next();
    });
  }
}
