import { useSession } from '../app/live.js';
import type { EndpointKey } from '../api/endpoints.js';
import { fillPath } from '../logic/openapi-routes.js';

/** A CSV download through the gateway, offered only when the gateway documents it and the role may call it. */
export function ExportButton({ endpoint, file, query = '' }: { endpoint: EndpointKey; file: string; query?: string }) {
  const session = useSession();
  if (!session.can(endpoint)) return null;
  const path = fillPath(session.endpoints[endpoint]!.path) + query;
  return <button onClick={() => void session.api.download(path, file)}>Export {file}</button>;
}
