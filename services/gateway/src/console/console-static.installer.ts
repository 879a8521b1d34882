import { Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isConsolePath } from './console-paths.js';

/** apps/console/dist, found from this file's place in services/gateway/{src,dist}/console/. */
export const consoleDistDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../apps/console/dist');

const YEAR_SECONDS = 365 * 24 * 3600;

/**
 * Serves the built console at `/`: hashed files under /assets/ are cached for a year (their names change with their
 * content), index.html is never cached, and any other GET that is not an API, heartbeat or probe path and does not
 * name a file gets index.html (the console routes in the browser). Installed as Express middleware while the app is
 * created, it never sees the reserved paths, whatever order the feature modules register their routes in.
 */
@Injectable()
export class ConsoleStaticInstaller {
  private readonly logger = new Logger(ConsoleStaticInstaller.name);

  constructor(adapterHost: HttpAdapterHost) {
    const app = adapterHost.httpAdapter?.getInstance<express.Express>();
    if (!app) return;
    if (!existsSync(path.join(consoleDistDir, 'index.html'))) {
      this.logger.warn('the console is not built (apps/console/dist/index.html missing): / serves nothing');
      return;
    }
    const assets = express.static(path.join(consoleDistDir, 'assets'), {
      immutable: true,
      maxAge: YEAR_SECONDS * 1000,
      index: false,
      fallthrough: false,
    });
    const files = express.static(consoleDistDir, { index: false, maxAge: 3600 * 1000 });
    const indexFile = path.join(consoleDistDir, 'index.html');
    app.use(function consoleStatic(req: Request, res: Response, next: NextFunction) {
      if ((req.method !== 'GET' && req.method !== 'HEAD') || !isConsolePath(req.path)) return next();
      if (req.path.startsWith('/assets/')) {
        req.url = req.url.slice('/assets'.length);
        return assets(req, res, next);
      }
      files(req, res, () => {
        if (path.extname(req.path)) return next();
        res.set('Cache-Control', 'no-cache');
        res.sendFile(indexFile);
      });
    });
  }
}
