import { Inject, Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_CONFIG } from '@fleetward/platform';
import type { GatewaySettings } from '../gateway-settings.js';
import { isConsolePath } from './console-paths.js';
import { applyHeaders, consoleSecurityHeaders } from './console-security-headers.js';

/** Vite names the files under assets/ by their content hash: a changed file gets a new name. */
const HASHED_ASSET_MAX_AGE_MS = 365 * 24 * 3600 * 1000;
const FILE_PATH = /\.[A-Za-z0-9]+$/;

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
    const headers = consoleSecurityHeaders(config.CONSOLE_CONNECT_SRC);
    const assets = express.static(dir, {
      index: false,
      maxAge: HASHED_ASSET_MAX_AGE_MS,
      immutable: true,
      fallthrough: true,
    });
    app.use(function consoleFiles(req: Request, res: Response, next: NextFunction) {
      if (!isConsolePath(req.path) || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
      applyHeaders(res, headers);
      const navigation = (req.headers.accept ?? '').includes('text/html');
      // Only file-like paths and browser navigations touch the disk: API-style requests pass on without a stat.
      if (!navigation && req.path !== '/' && !FILE_PATH.test(req.path)) return next();
      const serve = req.path.startsWith('/assets/') ? assets : files;
      serve(req, res, () => {
        if (!navigation) return next();
        res.sendFile(index, { headers: { 'Cache-Control': 'no-cache' } });
      });
    });
    this.logger.log(`web console served from ${dir}`);
  }
}
