import type { Caller } from '@fleetward/contracts';
import { DomainError } from '@fleetward/platform';

export const LifecycleErrors = {
  forbidden: (action: string) => new DomainError('FORBIDDEN', 'LIFECYCLE_FORBIDDEN', `Your role may not ${action}`),
  versionWithoutNumber: (v: string) =>
    new DomainError('INVALID', 'FIRMWARE_VERSION_UNORDERABLE', `Version "${v}" has no number to order it by`),
  policyNotFound: (id: string) => new DomainError('NOT_FOUND', 'POLICY_NOT_FOUND', `No replacement policy ${id}`),
  baselineNotFound: () => new DomainError('NOT_FOUND', 'BASELINE_NOT_FOUND', 'No baseline for that model'),
  deviceNotFound: (id: string) => new DomainError('NOT_FOUND', 'DEVICE_NOT_FOUND', `No device ${id}`),
  invalidPolicy: (message: string) => new DomainError('INVALID', 'POLICY_INVALID', message),
};

/** The gateway checks permissions; the service checks the role again (second wall). */
export function requireRole(caller: Caller, roles: readonly Caller['role'][], action: string): void {
  if (!roles.includes(caller.role)) throw LifecycleErrors.forbidden(action);
}
export const WRITERS = ['admin', 'it'] as const;
export const READERS = ['admin', 'it', 'ot', 'viewer'] as const;
