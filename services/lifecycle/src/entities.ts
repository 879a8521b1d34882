import { FirmwareReleaseEntity } from './catalog/firmware-release.entity.js';
import { FirmwareReleaseModelEntity } from './catalog/firmware-release-model.entity.js';
import { FirmwareCveEntity } from './catalog/firmware-cve.entity.js';
import { FirmwareModelSupportEntity } from './catalog/firmware-model-support.entity.js';
import { FirmwarePositionEntity } from './catalog/firmware-position.entity.js';
import { SiteEntity } from './projection/site.entity.js';
import { DeviceEntity } from './projection/device.entity.js';
import { DeviceOutageEntity } from './projection/device-outage.entity.js';
import { ModelCostEntity } from './projection/model-cost.entity.js';
import { FirmwareBaselineEntity } from './compliance/firmware-baseline.entity.js';
import { DeviceComplianceEntity } from './compliance/device-compliance.entity.js';
import { ReplacementPolicyEntity } from './policies/replacement-policy.entity.js';
import { ReplacementItemEntity } from './plan/replacement-item.entity.js';
import { ReplacementItemAuditEntity } from './plan/replacement-item-audit.entity.js';
import { KnownOrgEntity } from './evaluation/known-org.entity.js';
import { OrgEvaluationEntity } from './evaluation/org-evaluation.entity.js';
import { EvaluationScheduleEntity } from './schedule/evaluation-schedule.entity.js';

/** Every lifecycle table, for the boot-time DataSource and the entities-vs-migrations check. */
export const entities = [
  FirmwareReleaseEntity,
  FirmwareReleaseModelEntity,
  FirmwareCveEntity,
  FirmwareModelSupportEntity,
  FirmwarePositionEntity,
  SiteEntity,
  DeviceEntity,
  DeviceOutageEntity,
  ModelCostEntity,
  FirmwareBaselineEntity,
  DeviceComplianceEntity,
  ReplacementPolicyEntity,
  ReplacementItemEntity,
  ReplacementItemAuditEntity,
  KnownOrgEntity,
  OrgEvaluationEntity,
  EvaluationScheduleEntity,
];
