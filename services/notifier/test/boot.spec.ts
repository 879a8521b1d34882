import path from 'node:path';
import { describeServiceBoot } from '@fleetward/platform/testing/service-boot-suite';

describeServiceBoot('notifier', path.resolve(import.meta.dirname, '..'));
