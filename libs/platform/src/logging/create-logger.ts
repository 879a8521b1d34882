import { pino, type Logger as PinoLogger, type LevelWithSilent } from 'pino';
import { currentCorrelationId } from './correlation.js';

export interface CreateLoggerOptions {
  /** Service name, on every line as `service`. */
  service: string;
  level?: LevelWithSilent;
  /** Where lines go (default stdout). Tests pass a stream to read them back. */
  destination?: pino.DestinationStream;
}

/** JSON lines with `service` and, inside `withCorrelation`, `correlationId` on every line. */
export function createLogger(options: CreateLoggerOptions): PinoLogger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const correlationId = currentCorrelationId();
        return correlationId ? { correlationId } : {};
      },
    },
    // Synchronous: the last lines before an exit (a fatal boot error) must not be lost in a buffer.
    options.destination ?? pino.destination({ sync: true }),
  );
}
