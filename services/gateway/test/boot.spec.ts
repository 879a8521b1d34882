import path from 'node:path';
import { describeServiceBoot } from '@fleetward/platform/testing';

describeServiceBoot('gateway', path.resolve(import.meta.dirname, '..'));
