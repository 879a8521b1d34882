import { DomainError } from '@fleetward/platform';

/** Stable reasons the inventory service answers with (the `reason` of an RPC error). */
export const InventoryErrors = {
  deviceNotFound: (id: string) => new DomainError('NOT_FOUND', 'DEVICE_NOT_FOUND', `device ${id} not found`),
  siteNotFound: (id: string) => new DomainError('NOT_FOUND', 'SITE_NOT_FOUND', `site ${id} not found`),
  modelNotFound: (id: string) => new DomainError('NOT_FOUND', 'MODEL_NOT_FOUND', `device model ${id} not found`),
  importNotFound: (id: string) => new DomainError('NOT_FOUND', 'IMPORT_NOT_FOUND', `import ${id} not found`),
  tokenNotFound: () => new DomainError('NOT_FOUND', 'DEVICE_TOKEN_UNKNOWN', 'no device has this heartbeat token'),
  serialTaken: (vendor: string, serial: string) =>
    new DomainError('CONFLICT', 'DEVICE_SERIAL_TAKEN', `a ${vendor} device with serial ${serial} already exists`),
  siteCodeTaken: (code: string) => new DomainError('CONFLICT', 'SITE_CODE_TAKEN', `site code ${code} is already used`),
  siteIdTaken: (id: string) => new DomainError('CONFLICT', 'SITE_ID_TAKEN', `site id ${id} is already used`),
  modelTaken: (vendor: string, model: string) =>
    new DomainError('CONFLICT', 'MODEL_EXISTS', `model ${vendor} ${model} already exists`),
  siteHasDevices: (id: string, count: number) =>
    new DomainError('CONFLICT', 'SITE_HAS_DEVICES', `site ${id} still holds ${count} device(s); move them first`, {
      devices: count,
    }),
  siteHasChildren: (id: string, count: number) =>
    new DomainError('CONFLICT', 'SITE_HAS_CHILDREN', `site ${id} still has ${count} child site(s)`, {
      children: count,
    }),
  siteMoveCycle: (id: string) =>
    new DomainError('INVALID', 'SITE_MOVE_CYCLE', `site ${id} cannot move under itself or its own subtree`),
  deviceDecommissioned: (id: string) =>
    new DomainError('CONFLICT', 'DEVICE_DECOMMISSIONED', `device ${id} is decommissioned and cannot change`),
  invalidTimezone: (tz: string) => new DomainError('INVALID', 'INVALID_TIMEZONE', `unknown time zone ${tz}`),
  invalidCursor: () => new DomainError('INVALID', 'INVALID_CURSOR', 'the cursor is not valid for this query'),
};

/** Postgres unique violation on the named constraint/index. */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const pgErr = e.driverError ?? e;
  return pgErr.code === '23505' && pgErr.constraint === constraint;
}
