export { consumerConfig, streamConfig } from './nats-definitions.mjs';

export function provision(options: {
  url: string;
  replicas: number;
  maxBytesCap?: number;
  natsDir?: string;
  log?: (line: string) => void;
}): Promise<void>;
