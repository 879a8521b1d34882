import { DeviceModelEntity } from './device-models/device-model.entity.js';
import { DeviceEntity } from './devices/device.entity.js';
import { ImportJobEntity } from './imports/import-job.entity.js';
import { ImportRowErrorEntity } from './imports/import-row-error.entity.js';
import { OrgDirectoryEntity } from './organisations/org-directory.entity.js';
import { OrgSettingsEntity } from './organisations/org-settings.entity.js';
import { SiteEntity } from './sites/site.entity.js';
import { WarrantyNoticeEntity } from './warranty/warranty-notice.entity.js';

export const entities = [
  OrgDirectoryEntity,
  OrgSettingsEntity,
  SiteEntity,
  DeviceModelEntity,
  DeviceEntity,
  ImportJobEntity,
  ImportRowErrorEntity,
  WarrantyNoticeEntity,
];
