import type { ConsumerConfig, StreamConfig } from '@nats-io/jetstream';

export interface StreamDefinition {
  file: string;
  name: string;
  subjects: string[];
  max_bytes?: number;
  discard?: string;
  [key: string]: unknown;
}
export function readDefinitions(natsDir: string, dir: 'streams' | 'consumers'): StreamDefinition[];
export function streamConfig(def: StreamDefinition, replicas: number, maxBytesCap?: number): StreamConfig;
export function streamUpdate(existingConfig: StreamConfig, desired: StreamConfig): StreamConfig;
export function consumerConfig(def: Record<string, unknown>): Partial<ConsumerConfig>;
