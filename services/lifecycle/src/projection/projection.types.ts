/** What lifecycle keeps of an inventory device (from device.registered / device.updated). */
export interface DeviceSnapshot {
  deviceId: string;
  name: string;
  serial: string;
  siteId: string | null;
  sitePath: string[];
  ownerTeam: string | null;
  tags: string[];
  type: string;
  vendor: string;
  model: string | null;
  firmwareVersion: string | null;
  installDate: string | null;
  warrantyEnd: string | null;
  cost: number | null;
  failed: boolean;
}

export interface SiteSnapshot {
  siteId: string;
  parentId: string | null;
  timezone: string | null;
}

/** Vendor and model names compared case- and space-insensitively ("AXIS", "Axis " and "axis" are one vendor). */
export const nameKey = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, ' ');
