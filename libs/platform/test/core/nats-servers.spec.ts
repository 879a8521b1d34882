import { describe, expect, it } from '@jest/globals';
import { natsServerOptions, redactNatsUrl } from '../../src/nats/nats-servers.js';

describe('natsServerOptions', () => {
  it('passes plain URLs through without credentials', () => {
    expect(natsServerOptions('nats://127.0.0.1:4222')).toEqual({ servers: ['nats://127.0.0.1:4222'] });
    expect(natsServerOptions('nats://a:4222, nats://b:4222')).toEqual({ servers: ['nats://a:4222', 'nats://b:4222'] });
  });

  it('takes an account’s user and password out of the URL, which nats.js would ignore', () => {
    expect(natsServerOptions('nats://t-1:p%40ss@127.0.0.1:4223,nats://t-1:p%40ss@127.0.0.2:4223')).toEqual({
      servers: ['nats://127.0.0.1:4223', 'nats://127.0.0.2:4223'],
      user: 't-1',
      pass: 'p@ss',
    });
    expect(natsServerOptions(['tls://svc:secret@nats.example:4222'])).toEqual({
      servers: ['tls://nats.example:4222'],
      user: 'svc',
      pass: 'secret',
    });
  });

  it('redacts credentials for logs', () => {
    expect(redactNatsUrl('nats://local:abc@127.0.0.1:4223')).toBe('nats://127.0.0.1:4223');
  });
});
