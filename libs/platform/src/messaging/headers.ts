import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';

/** Header names Fleetward sets on every event message (besides JetStream's `Nats-Msg-Id`). */
export const MessageHeaders = {
  correlationId: 'Fleetward-Correlation-Id',
} as const;

export function toNatsHeaders(values: Readonly<Record<string, string>>): MsgHdrs {
  const h = natsHeaders();
  for (const [key, value] of Object.entries(values)) h.set(key, value);
  return h;
}

export function fromNatsHeaders(h: MsgHdrs | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  for (const key of h.keys()) out[key] = h.get(key);
  return out;
}
