import path from 'node:path';
import { describeServiceBoot } from '@fleetward/platform/testing/service-boot-suite';

describeServiceBoot('gateway', path.resolve(import.meta.dirname, '..'));
