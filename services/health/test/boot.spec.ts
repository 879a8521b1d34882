import path from 'node:path';
import { describeServiceBoot } from '@fleetward/platform/testing';

describeServiceBoot('health', path.resolve(import.meta.dirname, '..'));
