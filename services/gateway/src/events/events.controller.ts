import { Controller, Get, Inject, Logger, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { Caller } from '@fleetward/contracts';
import { APP_CONFIG } from '@fleetward/platform';
import type { GatewayRequest } from '../auth/authenticated-request.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import type { GatewaySettings } from '../gateway-settings.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { ApiZodQuery } from '../openapi/api-zod.decorators.js';
import { EventStreamService } from './event-stream.service.js';

const list = z
  .string()
  .max(2000)
  .optional()
  .transform((v) =>
    v
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
  );

export const eventStreamQuerySchema = z.object({
  /** Comma-separated event types, e.g. `device.offline,device.online`. */
  types: list,
  /** Comma-separated site ids (events of sub-sites match too). */
  siteIds: list,
  /** For clients that cannot send the Last-Event-ID header: resume after this event id. */
  lastEventId: z.string().regex(/^\d+$/).optional(),
});

@ApiTags('Events')
@Controller('api/v1/events')
export class EventsController {
  private readonly logger = new Logger(EventsController.name);

  constructor(
    private readonly stream: EventStreamService,
    @Inject(APP_CONFIG) private readonly config: GatewaySettings,
  ) {}

  @Get('stream')
  @RequirePermission('events:subscribe')
  @ApiOperation({
    summary: 'Live domain events of your organisation (Server-Sent Events)',
    description: "Each event's SSE id is its stream sequence; reconnect with Last-Event-ID to resume after it.",
  })
  @ApiProduces('text/event-stream')
  @ApiZodQuery(eventStreamQuerySchema)
  async events(
    @CurrentCaller() caller: Caller,
    @Query(new ZodValidationPipe(eventStreamQuerySchema)) query: z.output<typeof eventStreamQuerySchema>,
    @Req() req: GatewayRequest,
    @Res() res: Response,
  ): Promise<void> {
    const header = req.headers['last-event-id'];
    const last = typeof header === 'string' && /^\d+$/.test(header) ? header : query.lastEventId;
    const sub = await this.stream.subscribe(
      caller.orgId,
      { types: query.types, siteIds: query.siteIds },
      last ? Number(last) : undefined,
    );
    res.status(200).set({
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.write(': connected\n\n');
    const keepAlive = setInterval(() => {
      if (!res.destroyed) res.write(': keep-alive\n\n');
    }, this.config.SSE_HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(keepAlive);
      void sub.close();
    });
    try {
      for await (const { seq, envelope } of sub.events) {
        const ok = res.write(`id: ${seq}\nevent: ${envelope.type}\ndata: ${JSON.stringify(envelope)}\n\n`);
        if (!ok) {
          await new Promise((resolve) => {
            res.once('drain', resolve);
            res.once('close', resolve);
          });
        }
        if (res.destroyed) break;
      }
    } catch (err) {
      this.logger.warn(`event stream for ${caller.orgId} ended: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      clearInterval(keepAlive);
      await sub.close();
      if (!res.writableEnded) res.end();
    }
  }
}
