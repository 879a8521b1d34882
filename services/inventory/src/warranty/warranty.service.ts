import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OutboxWriter, withOrg } from '@fleetward/platform';
import type { DeviceRef } from '@fleetward/contracts';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { DEVICE_COLUMNS, toDeviceState, type DeviceRow } from '../devices/device.row.js';
import { InventoryEvents } from '../events/inventory-events.js';
import { OrgSettingsRepository } from '../organisations/org-settings.repository.js';
import { WarrantyNoticeRepository } from './warranty-notice.repository.js';

/**
 * Emits warranty.expiring / warranty.expired from the dates in Postgres. A sweep can run any number of times, on any
 * number of replicas: what was already sent is recorded in warranty_notice in the same transaction as the outbox rows.
 */
@Injectable()
export class WarrantyService {
  private readonly logger = new Logger(WarrantyService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notices: WarrantyNoticeRepository,
    private readonly settings: OrgSettingsRepository,
  ) {}

  /** One pass over every organisation, each on its own calendar day. Returns the number of events written. */
  async sweep(now: Date = new Date()): Promise<number> {
    const orgIds = await this.settings.orgIds(this.dataSource.manager);
    let total = 0;
    for (const orgId of orgIds) total += await this.sweepOrg(orgId, now);
    if (total) this.logger.log(`warranty sweep: ${total} notice(s) written`);
    return total;
  }

  /** Every notice due for one organisation, in batches of `batch` (each committed with its events). */
  async sweepOrg(orgId: string, now: Date = new Date(), batch = WarrantyService.BATCH): Promise<number> {
    let total = 0;
    for (;;) {
      const written = await this.sweepBatch(orgId, now, batch);
      total += written;
      if (written < batch) return total;
    }
  }

  /** Notices per transaction: a first sweep of a large fleet (hundreds of thousands due) stays many short ones. */
  static readonly BATCH = 5000;

  private sweepBatch(orgId: string, now: Date, batch: number): Promise<number> {
    return withOrg(this.dataSource, orgId, async (m) => {
      const settings = await this.settings.getOrCreate(m, orgId);
      const today = DateTime.fromJSDate(now).setZone(settings.timezone).toISODate()!;
      const due = await this.notices.recordDue(m, orgId, today, settings.warrantyLeadDays, batch);
      if (!due.length) return 0;
      const rows: DeviceRow[] = await m.query(
        `SELECT ${DEVICE_COLUMNS} FROM device d WHERE d.org_id = $1 AND d.id = ANY($2::uuid[])`,
        [orgId, due.map((n) => n.device_id)],
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      const envelopes = due.map((n) => {
        const device = deviceRef(toDeviceState(byId.get(n.device_id)!, settings));
        const data = { orgId, device, warrantyEnd: n.warranty_end };
        if (n.kind === 'expired') return InventoryEvents.warrantyExpired(n.event_id, data);
        const daysLeft = Math.max(0, DateTime.fromISO(n.warranty_end).diff(DateTime.fromISO(today), 'days').days);
        return InventoryEvents.warrantyExpiring(n.event_id, { ...data, leadDays: n.lead_days, daysLeft });
      });
      await OutboxWriter.add(m, envelopes);
      return envelopes.length;
    });
  }
}

function deviceRef(s: ReturnType<typeof toDeviceState>): DeviceRef {
  return {
    id: s.id,
    name: s.name,
    type: s.type,
    vendor: s.vendor,
    model: s.model,
    serial: s.serial,
    firmwareVersion: s.firmwareVersion,
    siteId: s.siteId,
    sitePath: s.sitePath,
    ownerTeam: s.ownerTeam,
    tags: s.tags,
  };
}
