import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthRpc, type Caller } from '@fleetward/contracts';
import { z } from 'zod';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { ApiZodQuery, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { ServiceClient } from '../rpc/service-client.js';
import {
  deviceIdParamSchema,
  deviceStatesQuerySchema,
  healthAvailabilityQuerySchema,
  healthDevicesQuerySchema,
  healthHistoryQuerySchema,
  resolveWindow,
} from './health-http.schemas.js';

/** Liveness of the fleet: current states, outage history, summary per site and availability. */
@ApiTags('Health')
@Controller('api/v1/health')
export class HealthController {
  constructor(private readonly services: ServiceClient) {}

  /** Current state of each device, filtered by state, site or flapping; cursor-paginated by device id. */
  @Get('devices')
  @RequirePermission('health:read')
  @ApiZodQuery(healthDevicesQuerySchema)
  @ApiZodResponse(HealthRpc.devicesList.response)
  list(
    @CurrentCaller() caller: Caller,
    @Query(new ZodValidationPipe(healthDevicesQuerySchema)) q: z.output<typeof healthDevicesQuerySchema>,
  ) {
    return this.services.call(HealthRpc.devicesList, q, caller);
  }

  /**
   * Current state of the given devices (a page of the device table) in one request; a device health does not track
   * is left out. One call to health, one pipelined Redis read.
   */
  @Get('device-states')
  @RequirePermission('health:read')
  @ApiZodQuery(deviceStatesQuerySchema)
  @ApiZodResponse(HealthRpc.devicesGet.response)
  states(
    @CurrentCaller() caller: Caller,
    @Query(new ZodValidationPipe(deviceStatesQuerySchema)) q: z.output<typeof deviceStatesQuerySchema>,
  ) {
    return this.services.call(HealthRpc.devicesGet, { deviceIds: q.ids }, caller);
  }

  @Get('devices/:deviceId')
  @RequirePermission('health:read')
  @ApiZodResponse(HealthRpc.deviceGet.response)
  get(
    @CurrentCaller() caller: Caller,
    @Param('deviceId', new ZodValidationPipe(deviceIdParamSchema)) deviceId: string,
  ) {
    return this.services.call(HealthRpc.deviceGet, { deviceId }, caller);
  }

  /** Offline intervals of a device in a window (default: the last 7 days), newest first. */
  @Get('devices/:deviceId/history')
  @RequirePermission('health:read')
  @ApiZodQuery(healthHistoryQuerySchema)
  @ApiZodResponse(HealthRpc.deviceHistory.response)
  history(
    @CurrentCaller() caller: Caller,
    @Param('deviceId', new ZodValidationPipe(deviceIdParamSchema)) deviceId: string,
    @Query(new ZodValidationPipe(healthHistoryQuerySchema)) q: z.output<typeof healthHistoryQuerySchema>,
  ) {
    return this.services.call(HealthRpc.deviceHistory, { deviceId, ...resolveWindow(q), limit: q.limit }, caller);
  }

  /** Device counts per state, overall and per site, with each site's unreachable flag (the wall board). */
  @Get('summary')
  @RequirePermission('health:read')
  @ApiZodResponse(HealthRpc.summary.response)
  summary(@CurrentCaller() caller: Caller) {
    return this.services.call(HealthRpc.summary, {}, caller);
  }

  /** Availability % of a device or a site over a window, leaving out the given maintenance windows. */
  @Get('availability')
  @RequirePermission('health:read')
  @ApiZodQuery(healthAvailabilityQuerySchema)
  @ApiZodResponse(HealthRpc.availability.response)
  availability(
    @CurrentCaller() caller: Caller,
    @Query(new ZodValidationPipe(healthAvailabilityQuerySchema)) q: z.output<typeof healthAvailabilityQuerySchema>,
  ) {
    const { deviceId, siteId, exclude } = q;
    return this.services.call(
      HealthRpc.availability,
      { deviceId, siteId, ...resolveWindow(q), exclude: exclude ?? [] },
      caller,
    );
  }
}
