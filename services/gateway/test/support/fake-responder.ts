import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { RpcDefinition } from '@fleetward/contracts';

/**
 * Answers one RPC pattern the way a Nest `@MessagePattern` handler would (Nest's NATS packet: `{ id, response,
 * isDisposed }`). `answer` returns the reply (or a promise of it), or `undefined` to stay silent (another responder may
 * know the request).
 */
export function fakeResponder(
  nc: NatsConnection,
  def: RpcDefinition,
  answer: (data: unknown) => unknown,
): Subscription {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  return nc.subscribe(def.pattern, {
    callback: (_err, msg) => {
      const packet = JSON.parse(decoder.decode(msg.data)) as { id: string; data: unknown };
      void Promise.resolve(answer(packet.data)).then((response) => {
        if (response !== undefined && msg.reply)
          msg.respond(encoder.encode(JSON.stringify({ id: packet.id, response, isDisposed: true })));
      });
    },
  });
}
