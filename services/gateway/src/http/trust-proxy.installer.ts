import { Inject, Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type express from 'express';
import { APP_CONFIG } from '@fleetward/platform';
import type { GatewaySettings } from '../gateway-settings.js';

/** Sets express `trust proxy` from TRUST_PROXY while the app is created, before any request is served. */
@Injectable()
export class TrustProxyInstaller {
  private readonly logger = new Logger(TrustProxyInstaller.name);

  constructor(adapterHost: HttpAdapterHost, @Inject(APP_CONFIG) config: GatewaySettings) {
    const app = adapterHost.httpAdapter?.getInstance<express.Express>();
    if (!app) return;
    app.set('trust proxy', config.TRUST_PROXY);
    if (config.TRUST_PROXY !== false) this.logger.log(`X-Forwarded-For trusted from: ${String(config.TRUST_PROXY)}`);
  }
}
