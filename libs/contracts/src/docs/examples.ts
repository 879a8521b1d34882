import { eventFixtures, fixtures, sample } from '../fixtures/index.js';
import { eventKey, HEARTBEAT_KEY } from './json-schemas.js';

/** A fixed id per example, so that the generated documents only change when a schema or a fixture does. */
const exampleId = (n: number) => `00000000-0000-4000-8000-${String(n + 1).padStart(12, '0')}`;

/** One example payload per schema key, built from the fixtures (so examples are valid by construction). */
export function documentExamples(): Record<string, unknown> {
  const examples: Record<string, unknown> = {};
  eventFixtures.forEach((fixture, n) => {
    const id = exampleId(n);
    const envelope = fixture({ id, correlationId: id, source: 'inventory', occurredAt: new Date(sample.now) });
    examples[eventKey(envelope)] = envelope;
  });
  examples[HEARTBEAT_KEY] = fixtures.heartbeatBatch();
  return examples;
}
