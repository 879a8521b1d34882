import { Injectable } from '@nestjs/common';
import { OutboxQueryWriter, OutboxWriter } from '@fleetward/platform';
import { deviceRegisteredV1, type DeviceField, type OrgSettings } from '@fleetward/contracts';
import type { EntityManager } from 'typeorm';
import { escapeLike } from '../common/sql.js';
import { InventoryEvents } from '../events/inventory-events.js';
import { OrgSettingsRepository } from '../organisations/org-settings.repository.js';
import { deviceStateSql, heartbeatByType } from './device-state.sql.js';
import { changedFields, DEVICE_COLUMNS, toDeviceState, type DeviceRow } from './device.row.js';

/** Writes device.* events to the outbox, in the caller's transaction. */
@Injectable()
export class DeviceEventsService {
  constructor(private readonly settings: OrgSettingsRepository) {}

  registered(m: EntityManager, settings: OrgSettings, rows: DeviceRow[]): Promise<void> {
    return OutboxWriter.add(
      m,
      rows.map((r) => InventoryEvents.deviceRegistered(toDeviceState(r, settings))),
    );
  }

  /**
   * Runs `insert` (an `INSERT INTO device ... RETURNING *` using `$1` = orgId and placeholders from `$3` on, with
   * `params`) and writes device.registered for each device it inserted, in one statement built in SQL: for tens of
   * thousands of devices, building and validating each envelope in Node cost more than the import. Returns the count.
   */
  insertRegistered(
    m: EntityManager,
    settings: OrgSettings,
    orgId: string,
    insert: string,
    params: unknown[] = [],
  ): Promise<number> {
    return OutboxQueryWriter.add(m, deviceRegisteredV1, {
      ...InventoryEvents.bulkBase(orgId),
      with: `d AS (${insert})`,
      data: deviceStateSql('$2'),
      from: 'd',
      params: [orgId, heartbeatByType(settings), ...params],
    });
  }

  /** device.updated for each pair that really changed; returns how many did. */
  async updated(
    m: EntityManager,
    settings: OrgSettings,
    pairs: { before: DeviceRow; after: DeviceRow }[],
  ): Promise<number> {
    const envelopes = [];
    for (const { before, after } of pairs) {
      const next = toDeviceState(after, settings);
      const changed = changedFields(toDeviceState(before, settings), next);
      if (changed.length) envelopes.push(InventoryEvents.deviceUpdated(next, changed));
    }
    await OutboxWriter.add(m, envelopes);
    return envelopes.length;
  }

  decommissioned(m: EntityManager, settings: OrgSettings, row: DeviceRow, reason: string | null): Promise<void> {
    return OutboxWriter.add(m, InventoryEvents.deviceDecommissioned(toDeviceState(row, settings), reason));
  }

  /** After a site move: every live device below `path` changed its site path. */
  async emitForSubtree(m: EntityManager, orgId: string, path: string, changed: DeviceField[]): Promise<void> {
    const settings = await this.settings.getOrCreate(m, orgId);
    const rows: DeviceRow[] = await m.query(
      `SELECT ${DEVICE_COLUMNS} FROM device d JOIN site s ON s.org_id = d.org_id AND s.id = d.site_id
       WHERE d.org_id = $1 AND s.org_id = $1 AND s.path LIKE $2 AND d.status <> 'decommissioned'`,
      [orgId, `${escapeLike(path)}%`],
    );
    await OutboxWriter.add(
      m,
      rows.map((r) => InventoryEvents.deviceUpdated(toDeviceState(r, settings), changed)),
    );
  }
}
