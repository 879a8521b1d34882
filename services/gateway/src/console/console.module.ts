import { Module } from '@nestjs/common';
import { ConsoleStaticInstaller } from './console-static.installer.js';
import { MeController } from './me.controller.js';

/** The web console: its built files at `/` (SPA fallback) and `GET /api/v1/me`, which it uses to be role-aware. */
@Module({
  controllers: [MeController],
  providers: [ConsoleStaticInstaller],
})
export class ConsoleModule {}
