// A worker process for the SIGTERM test: a Nest app whose durable consumer applies events once (inbox + side effect
// in one transaction), shut down by Nest's own signal handling. Runs against the built library (dist/).
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { Streams, Subjects } from '@fleetward/contracts';
import { DurableConsumer, Inbox, MessagingModule, NatsClient, NatsModule } from '@fleetward/platform';

const { NATS_URL, DATABASE_URL, DB_SCHEMA, ORG_ID, DURABLE, EVENT_TYPE } = process.env;

class Worker {
  constructor(consumer, dataSource) {
    this.consumer = consumer;
    this.dataSource = dataSource;
  }

  onApplicationBootstrap() {
    return this.consumer.start({
      durable: DURABLE,
      stream: Streams.events.name,
      filterSubject: Subjects.orgEvents(ORG_ID),
      parse: (data) => {
        if (data?.type !== EVENT_TYPE) throw new Error(`unexpected ${data?.type}`);
        return data;
      },
      batch: 50,
      ackWaitMs: 2_000,
      handleBatch: async (events) => {
        // Slow enough that the next round is buffered here when the signal arrives.
        await new Promise((resolve) => setTimeout(resolve, 10));
        await this.dataSource.transaction(async (m) => {
          const fresh = await Inbox.claim(
            m,
            DURABLE,
            events.map((e) => e.envelope.id),
          );
          await m.query(
            `INSERT INTO "${DB_SCHEMA}".applied (event_id, by) SELECT id, 'child' FROM unnest($1::uuid[]) AS id`,
            [[...fresh]],
          );
        });
      },
    });
  }

  async onModuleDestroy() {
    await this.consumer.stop();
    process.stdout.write('consumer stopped\n');
  }

  onApplicationShutdown() {
    return this.dataSource.destroy();
  }
}

class WorkerModule {}
Module({
  imports: [
    NatsModule.forRoot({ servers: NATS_URL, name: 'sigterm-worker' }),
    MessagingModule.forRoot({ relay: false }),
  ],
  providers: [
    {
      provide: Worker,
      useFactory: async (nats) =>
        new Worker(
          new DurableConsumer(nats),
          await new DataSource({
            type: 'postgres',
            url: DATABASE_URL,
            schema: DB_SCHEMA,
            extra: { max: 2 },
          }).initialize(),
        ),
      inject: [NatsClient],
    },
  ],
})(WorkerModule);

const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
app.enableShutdownHooks(['SIGTERM']);
process.stdout.write('ready\n');
