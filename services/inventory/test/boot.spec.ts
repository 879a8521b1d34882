import path from 'node:path';
import { describeServiceBoot } from '@fleetward/platform/testing';

describeServiceBoot('inventory', path.resolve(import.meta.dirname, '..'));
