import type { Role } from '@fleetward/contracts';

/**
 * The permission matrix: the single source of truth for who may do what. Every HTTP route declares exactly one
 * permission with `@RequirePermission`; the auth guard allows the call when the caller's role holds it.
 */
export const permissions = [
  'org:read',
  'org:write',
  'keys:manage',
  'users:manage',
  'audit:read',
  'sites:read',
  'sites:write',
  'devices:read',
  'devices:write',
  'devices:import',
  'devices:export',
  'firmware:read',
  /** The organisation's approved firmware baselines. */
  'firmware:write',
  /**
   * The global firmware catalog (releases, CVEs, model support), shared by every organisation: an installation
   * permission, held only by callers of the organisations listed in CATALOG_ORGS (see isInstallationPermission).
   */
  'catalog:write',
  'compliance:read',
  'policies:read',
  'policies:write',
  'plan:read',
  'plan:write',
  'forecast:read',
  'reports:read',
  'health:read',
  'incidents:read',
  'incidents:ack',
  'maintenance:write',
  'alerting:read',
  'alerting:write',
  /** Lifting the webhook SSRF guard for a host (admin only: no other role holds it). */
  'alerting:allow-hosts',
  'deliveries:read',
  'heartbeats:write',
  'events:subscribe',
] as const;

export type Permission = (typeof permissions)[number];

/** Reading the fleet: everything a person may look at, short of the audit log and credentials. */
const readFleet: readonly Permission[] = [
  'org:read',
  'sites:read',
  'devices:read',
  'devices:export',
  'firmware:read',
  'compliance:read',
  'policies:read',
  'plan:read',
  'forecast:read',
  'reports:read',
  'health:read',
  'incidents:read',
  'alerting:read',
  'deliveries:read',
  'events:subscribe',
];

export const rolePermissions: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  admin: new Set(permissions),
  it: new Set<Permission>([
    ...readFleet,
    'sites:write',
    'devices:write',
    'devices:import',
    'firmware:write',
    'catalog:write',
    'policies:write',
    'plan:write',
    'alerting:write',
  ]),
  ot: new Set<Permission>([...readFleet, 'incidents:ack', 'maintenance:write']),
  viewer: new Set<Permission>(readFleet),
  integration: new Set<Permission>(['heartbeats:write', 'events:subscribe', 'devices:read']),
};

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return rolePermissions[role].has(permission);
}

/** Permissions over what all organisations share: the role must hold them and the organisation must be a curator. */
export function isInstallationPermission(permission: Permission): boolean {
  return permission === 'catalog:write';
}

export function isPermission(value: string): value is Permission {
  return (permissions as readonly string[]).includes(value);
}
