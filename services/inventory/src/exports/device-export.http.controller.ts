import { Controller, UseFilters, Get, Query, Req, Res } from '@nestjs/common';
import { DEVICE_CSV_COLUMNS, deviceFilterSchema, type Device } from '@fleetward/contracts';
import type { Request, Response } from 'express';
import { CallerVerifier, csvStringifier, verifyHttpCaller } from '@fleetward/platform';
import { z } from 'zod';
import { DeviceService } from '../devices/device.service.js';
import { DomainErrorHttpFilter } from '../http/domain-error.filter.js';

const exportQuery = deviceFilterSchema.extend({ format: z.enum(['csv', 'json']).default('csv') });
const PAGE = 500;

/** One export row in the import's column layout (so an export can be edited and imported again), plus the id. */
function csvRecord(d: Device, siteCodes: Map<string, string>): Record<string, unknown> {
  return {
    id: d.id,
    vendor: d.vendor,
    model: d.model,
    type: d.type,
    name: d.name,
    serial: d.serial,
    mac: d.mac,
    ip: d.ip,
    hostname: d.hostname,
    site_code: d.siteId ? (siteCodes.get(d.siteId) ?? null) : null,
    firmware_version: d.firmwareVersion,
    install_date: d.installDate,
    purchase_date: d.purchaseDate,
    purchase_cost: d.cost,
    warranty_end: d.warrantyEndSource === 'explicit' ? d.warrantyEnd : null,
    owner_team: d.ownerTeam?.toUpperCase() ?? null,
    status: d.status,
    tags: d.tags.join(';'),
    notes: d.notes,
  };
}

/** Streams the filtered devices page by page (keyset), never the whole fleet in memory. */
@UseFilters(DomainErrorHttpFilter)
@Controller('internal/exports')
export class DeviceExportHttpController {
  constructor(
    private readonly devices: DeviceService,
    private readonly callers: CallerVerifier,
  ) {}

  @Get('devices')
  async devicesExport(@Req() req: Request, @Query() query: unknown, @Res() res: Response): Promise<void> {
    const caller = await verifyHttpCaller(this.callers, req);
    const { format, ...filter } = exportQuery.parse(query);
    res.setHeader('content-disposition', `attachment; filename="devices.${format}"`);
    const write =
      format === 'csv' ? this.csvWriter(res, await this.devices.siteCodes(caller.orgId)) : this.jsonWriter(res);
    let cursor: string | undefined;
    do {
      const page = await this.devices.list(caller.orgId, filter, 'createdAt', PAGE, cursor);
      for (const d of page.items) await write.item(d);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    write.end();
  }

  private csvWriter(res: Response, siteCodes: Map<string, string>) {
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    const csv = csvStringifier({ header: true, columns: ['id', ...DEVICE_CSV_COLUMNS] });
    csv.pipe(res);
    return {
      item: async (d: Device) => {
        if (!csv.write(csvRecord(d, siteCodes))) await new Promise((r) => csv.once('drain', r));
      },
      end: () => csv.end(),
    };
  }

  private jsonWriter(res: Response) {
    res.setHeader('content-type', 'application/json; charset=utf-8');
    let first = true;
    res.write('[');
    return {
      item: async (d: Device) => {
        const ok = res.write(`${first ? '' : ','}\n${JSON.stringify(d)}`);
        first = false;
        if (!ok) await new Promise((r) => res.once('drain', r));
      },
      end: () => res.end('\n]\n'),
    };
  }
}
