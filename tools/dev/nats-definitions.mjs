// The JetStream configuration Fleetward's provisioning applies, from the JSON definitions in deploy/nats/. Pure (no
// connection), so deploy/checks can check what would be applied without a server.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { AckPolicy, DeliverPolicy, RetentionPolicy, StorageType, DiscardPolicy } from '@nats-io/jetstream';

const ns = (s) => Math.round(s * 1e9);

export function readDefinitions(natsDir, dir) {
  const full = path.join(natsDir, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: `${dir}/${f}`, ...JSON.parse(readFileSync(path.join(full, f), 'utf8')) }));
}

/**
 * A stream's configuration. `maxBytesCap` (development: a small volume) lowers `max_bytes`, never raises it: NATS
 * reserves a stream's max_bytes on the server's store up front, so production sizes do not fit a laptop's disk.
 */
export function streamConfig(def, replicas, maxBytesCap = 0) {
  const maxBytes = def.max_bytes ?? -1;
  return {
    name: def.name,
    description: def.description,
    subjects: def.subjects,
    retention: def.retention === 'workqueue' ? RetentionPolicy.Workqueue : RetentionPolicy.Limits,
    storage: def.storage === 'memory' ? StorageType.Memory : StorageType.File,
    max_age: ns(def.max_age_seconds ?? 0),
    max_bytes: maxBytesCap > 0 && (maxBytes < 0 || maxBytes > maxBytesCap) ? maxBytesCap : maxBytes,
    max_msg_size: def.max_msg_size ?? -1,
    duplicate_window: ns(def.duplicate_window_seconds ?? 120),
    discard: def.discard === 'new' ? DiscardPolicy.New : DiscardPolicy.Old,
    num_replicas: replicas,
  };
}

/**
 * The update for an existing stream: what the definition and the deployment say win, replicas and limits included
 * (a stream created R1 before the cluster existed becomes R3; a raised max_bytes applies). Fields the definition
 * does not manage (sources, placement, ...) keep their current values.
 */
export function streamUpdate(existingConfig, desired) {
  return { ...existingConfig, ...desired };
}

export function consumerConfig(def) {
  return {
    durable_name: def.durable_name,
    filter_subject: def.filter_subject,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: ns(def.ack_wait_seconds ?? 30),
    max_deliver: def.max_deliver ?? 10,
    max_ack_pending: def.max_ack_pending ?? 10000,
  };
}
