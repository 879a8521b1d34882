import type { DeviceModel, LifecycleDate } from '@fleetward/contracts';
import { iso } from '../common/sql.js';

export interface DeviceModelRow {
  id: string;
  vendor: string;
  vendor_key: string;
  model: string;
  type: string;
  warranty_months: number | null;
  end_of_sale_status: string;
  end_of_sale_date: string | null;
  end_of_sale_source: string | null;
  end_of_support_status: string;
  end_of_support_date: string | null;
  end_of_support_source: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

export const MODEL_COLUMNS = `id, vendor, vendor_key, model, type, warranty_months, end_of_sale_status,
  end_of_sale_date::text AS end_of_sale_date, end_of_sale_source, end_of_support_status,
  end_of_support_date::text AS end_of_support_date, end_of_support_source, created_at, updated_at`;

function lifecycle(status: string, date: string | null, source: string | null): LifecycleDate {
  return status === 'known' && date
    ? { status: 'known', date, source }
    : { status: status as 'unknown' | 'not-announced', source };
}

export function toDeviceModel(r: DeviceModelRow): DeviceModel {
  return {
    id: r.id,
    vendor: r.vendor,
    model: r.model,
    type: r.type as DeviceModel['type'],
    warrantyMonths: r.warranty_months,
    endOfSale: lifecycle(r.end_of_sale_status, r.end_of_sale_date, r.end_of_sale_source),
    endOfSupport: lifecycle(r.end_of_support_status, r.end_of_support_date, r.end_of_support_source),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

/** A lifecycle date as its three columns. */
export const lifecycleColumns = (d: LifecycleDate): [string, string | null, string | null] => [
  d.status,
  d.status === 'known' ? d.date : null,
  d.source,
];
