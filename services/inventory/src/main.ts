import 'reflect-metadata';
import { runService } from '@fleetward/platform';
import { AppModule } from './app.module.js';
import { configSchema } from './config.js';

await runService(AppModule, { name: 'inventory', configSchema });
