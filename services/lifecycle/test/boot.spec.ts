import path from 'node:path';
import { describeServiceBoot } from '@fleetward/platform/testing';

describeServiceBoot('lifecycle', path.resolve(import.meta.dirname, '..'));
