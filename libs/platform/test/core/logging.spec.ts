import { describe, expect, it } from '@jest/globals';
import { createLogger, PinoNestLogger, withCorrelation } from '../../src/logging/index.js';

function capture(level: 'info' | 'debug' = 'info') {
  const lines: Record<string, unknown>[] = [];
  const pino = createLogger({
    service: 'logtest',
    level,
    destination: { write: (s: string) => void lines.push(JSON.parse(s)) },
  });
  return { lines, nest: new PinoNestLogger(pino) };
}

describe('logging', () => {
  it('writes JSON lines with service, level, time and, inside withCorrelation, the correlation id', async () => {
    const { lines, nest } = capture();
    nest.log('outside', 'Ctx');
    await withCorrelation('c-1', async () => {
      await Promise.resolve();
      nest.warn('inside', 'Ctx');
    });
    expect(lines[0]).toEqual({
      level: 'info',
      time: expect.any(String),
      service: 'logtest',
      context: 'Ctx',
      msg: 'outside',
    });
    expect(lines[1]).toMatchObject({ level: 'warn', correlationId: 'c-1', msg: 'inside' });
  });

  it('keeps an error stack and structured fields from Nest-style calls', () => {
    const { lines, nest } = capture();
    nest.error('handler failed', 'Error: boom\n    at x', 'Worker');
    nest.error(new Error('kaput'), 'Worker');
    nest.log({ msg: 'batch done', rows: 3 }, 'Importer');
    expect(lines[0]).toMatchObject({
      level: 'error',
      context: 'Worker',
      msg: 'handler failed',
      stack: expect.stringContaining('boom'),
    });
    expect(lines[1]).toMatchObject({
      level: 'error',
      msg: 'kaput',
      err: expect.objectContaining({ message: 'kaput' }),
    });
    expect(lines[2]).toMatchObject({ level: 'info', context: 'Importer', msg: 'batch done', rows: 3 });
  });

  it('honours the level, and Nest setLogLevels', () => {
    const { lines, nest } = capture('info');
    nest.debug('hidden', 'Ctx');
    nest.setLogLevels(['debug', 'log', 'warn', 'error']);
    nest.debug('shown', 'Ctx');
    nest.setLogLevels(['error']);
    nest.warn('hidden too', 'Ctx');
    expect(lines.map((l) => l['msg'])).toEqual(['shown']);
  });
});
