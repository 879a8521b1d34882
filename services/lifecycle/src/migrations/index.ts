import { LifecycleSchema1764230000000 } from './1764230000000-lifecycle-schema.js';
import { DeviceRefAndItemPolicy1764230100000 } from './1764230100000-device-ref-and-item-policy.js';
import { SetBasedItemAudit1764230200000 } from './1764230200000-set-based-item-audit.js';
import { FirmwarePositionTrack1764230300000 } from './1764230300000-firmware-position-track.js';
import { EvaluationSchedule1764230400000 } from './1764230400000-evaluation-schedule.js';
import { EvaluationChangedAt1764230500000 } from './1764230500000-evaluation-changed-at.js';

export const migrations = [
  LifecycleSchema1764230000000,
  DeviceRefAndItemPolicy1764230100000,
  SetBasedItemAudit1764230200000,
  FirmwarePositionTrack1764230300000,
  EvaluationSchedule1764230400000,
  EvaluationChangedAt1764230500000,
];
