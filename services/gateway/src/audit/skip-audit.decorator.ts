import { SetMetadata } from '@nestjs/common';

export const SKIP_AUDIT_KEY = 'fleetward:skip-audit';

/**
 * Leaves a write route out of the audit log. Only for telemetry that changes no state by itself (heartbeats: what
 * they change is audited as domain events), where a row per request would be the hot path's bottleneck.
 */
export const SkipAudit = (): MethodDecorator => SetMetadata(SKIP_AUDIT_KEY, true);
