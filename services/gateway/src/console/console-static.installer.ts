import { Inject, Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_CONFIG } from '@fleetward/platform';
import type { GatewaySettings } from '../gateway-settings.js';

/** Paths that belong to the API and the probes, never to the console's client-side routes. */
const SERVER_PATHS = /^\/(api|hb|healthz|readyz|metrics)(\/|$)/;

function defaultConsoleDir(): string {
  // services/gateway/{src,dist}/console -> apps/console/dist
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../apps/console/dist');
}

/**
 * Serves the built web console at `/`: its files, and its index.html for any other browser navigation (client-side
 * routes). Installed while the app is created, ahead of the API routes, and only for paths the API does not own.
 */
@Injectable()
export class ConsoleStaticInstaller {
  private readonly logger = new Logger(ConsoleStaticInstaller.name);

  constructor(adapterHost: HttpAdapterHost, @Inject(APP_CONFIG) config: GatewaySettings) {
    const app = adapterHost.httpAdapter?.getInstance<express.Express>();
    const dir = config.CONSOLE_DIR ?? defaultConsoleDir();
    const index = path.join(dir, 'index.html');
    if (!app || !existsSync(index)) {
      this.logger.log(`web console not served: no build at ${dir}`);
      return;
    }
    const files = express.static(dir, { index: 'index.html', maxAge: '1h', fallthrough: true });
    app.use(function consoleFiles(req: Request, res: Response, next: NextFunction) {
      if (SERVER_PATHS.test(req.path)) return next();
      files(req, res, () => {
        const navigation =
          (req.method === 'GET' || req.method === 'HEAD') && (req.headers.accept ?? '').includes('text/html');
        if (!navigation) return next();
        res.sendFile(index, { headers: { 'Cache-Control': 'no-cache' } });
      });
    });
    this.logger.log(`web console served from ${dir}`);
  }
}
