import { Subjects } from './subjects.js';

/** JetStream stream names. Their full definitions (retention, replicas...) live in deploy/nats/streams/*.json. */
export const Streams = {
  /** Domain and catalog events. */
  events: { name: 'FLEET_EVENTS', subjects: [Subjects.allEvents, Subjects.allCatalogEvents] },
  /** Dead letters: the original message plus why it was rejected. */
  dlq: { name: 'FLEET_DLQ', subjects: [Subjects.allDlq] },
} as const;

export type StreamName = (typeof Streams)[keyof typeof Streams]['name'];
