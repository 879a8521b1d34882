import { rowsOf } from '@fleetward/platform';
import { Injectable } from '@nestjs/common';
import type { LifecycleDate } from '@fleetward/contracts';
import type { EntityManager } from 'typeorm';
import { lifecycleColumns, MODEL_COLUMNS, type DeviceModelRow } from './device-model.row.js';

export interface DeviceModelWrite {
  type: string;
  warrantyMonths: number | null;
  endOfSale: LifecycleDate;
  endOfSupport: LifecycleDate;
}

@Injectable()
export class DeviceModelRepository {
  async insert(
    m: EntityManager,
    orgId: string,
    id: string,
    vendor: string,
    model: string,
    w: DeviceModelWrite,
  ): Promise<DeviceModelRow> {
    const rows: DeviceModelRow[] = await m.query(
      `INSERT INTO device_model (id, org_id, vendor, vendor_key, model, type, warranty_months,
         end_of_sale_status, end_of_sale_date, end_of_sale_source, end_of_support_status, end_of_support_date, end_of_support_source)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::date, $10, $11, $12::date, $13) RETURNING ${MODEL_COLUMNS}`,
      [
        id,
        orgId,
        vendor,
        vendor.trim().toLowerCase(),
        model,
        w.type,
        w.warrantyMonths,
        ...lifecycleColumns(w.endOfSale),
        ...lifecycleColumns(w.endOfSupport),
      ],
    );
    return rows[0]!;
  }

  async update(m: EntityManager, orgId: string, id: string, w: DeviceModelWrite): Promise<DeviceModelRow> {
    const rows = rowsOf<DeviceModelRow>(
      await m.query(
        `UPDATE device_model SET type = $3, warranty_months = $4, end_of_sale_status = $5, end_of_sale_date = $6::date,
         end_of_sale_source = $7, end_of_support_status = $8, end_of_support_date = $9::date, end_of_support_source = $10,
         updated_at = now()
       WHERE org_id = $1 AND id = $2 RETURNING ${MODEL_COLUMNS}`,
        [orgId, id, w.type, w.warrantyMonths, ...lifecycleColumns(w.endOfSale), ...lifecycleColumns(w.endOfSupport)],
      ),
    );
    return rows[0]!;
  }

  async findById(m: EntityManager, orgId: string, id: string, lock = false): Promise<DeviceModelRow | undefined> {
    const rows: DeviceModelRow[] = await m.query(
      `SELECT ${MODEL_COLUMNS} FROM device_model WHERE org_id = $1 AND id = $2::uuid${lock ? ' FOR UPDATE' : ''}`,
      [orgId, id],
    );
    return rows[0];
  }

  async list(
    m: EntityManager,
    orgId: string,
    vendor: string | undefined,
    limit: number,
    after?: { key: string; id: string },
  ): Promise<(DeviceModelRow & { k: string })[]> {
    return m.query(
      `SELECT ${MODEL_COLUMNS}, vendor_key || '/' || model AS k FROM device_model
       WHERE org_id = $1 AND ($2::text IS NULL OR vendor_key = $2) AND ($3::text IS NULL OR (vendor_key || '/' || model, id) > ($3, $4::uuid))
       ORDER BY vendor_key || '/' || model, id LIMIT $5`,
      [orgId, vendor?.trim().toLowerCase() ?? null, after?.key ?? null, after?.id ?? null, limit],
    );
  }
}
