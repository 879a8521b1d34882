import { flowOf } from '../event-flows.js';
import { allEvents } from '../events.js';

/** `docs/events/flows.md`: per event version, the service that publishes it and the services that apply it. */
export function eventFlowsMarkdown(): string {
  const rows = allEvents.map((def) => {
    const { producedBy, consumedBy } = flowOf(def);
    return `| \`${def.type}\` v${def.version} | ${producedBy.join(', ') || '-'} | ${consumedBy.join(', ') || '-'} |`;
  });
  return [
    '# Who produces and who consumes each event',
    '',
    'Generated from `eventFlows` in `libs/contracts/src/event-flows.ts` (`npm run contracts:docs`); each service refuses to',
    "start when its registered handlers do not match its list. The gateway's live view (server-sent events) reads every",
    'organisation event without a durable consumer and is not listed.',
    '',
    '| event | produced by | consumed by |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
