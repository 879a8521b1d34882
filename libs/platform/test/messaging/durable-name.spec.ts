import { durableName } from '../../src/messaging/durable-name.js';

describe('durable consumer names', () => {
  it('belong to the schema the consumer feeds', () => {
    expect(durableName({ DB_SCHEMA: 'health' }, 'health', 'device-registered')).toBe('health-device-registered');
    expect(durableName({ DB_SCHEMA: 't_1a2b' }, 'health', 'device-registered')).toBe('health-t_1a2b-device-registered');
  });

  it('carry the installation prefix when NATS is shared with another installation', () => {
    expect(durableName({ DB_SCHEMA: 'lifecycle', CONSUMER_PREFIX: 'e2e-9f' }, 'lifecycle', 'catalog')).toBe(
      'e2e-9f-lifecycle-catalog',
    );
    expect(durableName({ DB_SCHEMA: 'lifecycle', CONSUMER_PREFIX: '' }, 'lifecycle', 'catalog')).toBe(
      'lifecycle-catalog',
    );
  });
});
