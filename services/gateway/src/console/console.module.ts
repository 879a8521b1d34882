import { Module } from '@nestjs/common';
import { MeController } from './me.controller.js';

/**
 * The console's own API: `GET /api/v1/me`, which it uses to be role-aware. Its built files are served by
 * ConsoleStaticInstaller, installed from GatewayCoreModule so it runs ahead of every route.
 */
@Module({ controllers: [MeController] })
export class ConsoleModule {}
