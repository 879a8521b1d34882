/** One operation the console may call, as `METHOD /path/{param}`. */
export interface EndpointSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
}

export interface ResolvedEndpoint {
  method: EndpointSpec['method'];
  /** The path template as the gateway documents it. */
  path: string;
  /** The one permission the gateway requires for it (`x-fleetward-permission`). */
  permission: string | null;
}

type OpenApiDoc = { paths?: Record<string, Record<string, { 'x-fleetward-permission'?: string } | undefined>> };

const shape = (p: string) => p.replace(/\{[^}]+\}/g, '{}').replace(/\/+$/, '');

/**
 * Finds each wanted operation in the gateway's OpenAPI document: a route that the running gateway does not document
 * is not available, and the console says so instead of calling it. Parameter names do not matter (`{id}` = `{deviceId}`).
 */
export function resolveEndpoints<K extends string>(
  doc: OpenApiDoc,
  wanted: Record<K, EndpointSpec>,
): Partial<Record<K, ResolvedEndpoint>> {
  const byShape = new Map<string, { path: string; permission: string | null }>();
  for (const [path, ops] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(ops ?? {})) {
      byShape.set(`${method.toUpperCase()} ${shape(path)}`, {
        path,
        permission: op?.['x-fleetward-permission'] ?? null,
      });
    }
  }
  const out: Partial<Record<K, ResolvedEndpoint>> = {};
  for (const key of Object.keys(wanted) as K[]) {
    const spec = wanted[key];
    const hit = byShape.get(`${spec.method} ${shape(spec.path)}`);
    if (hit) out[key] = { method: spec.method, path: hit.path, permission: hit.permission };
  }
  return out;
}

/** Fills `{param}` placeholders in order with URL-encoded values. */
export function fillPath(template: string, ...values: string[]): string {
  let i = 0;
  return template.replace(/\{[^}]+\}/g, () => encodeURIComponent(values[i++] ?? ''));
}

/** Whether a caller holding `granted` may call the endpoint: it must exist and its permission must be granted. */
export function allowed(endpoint: ResolvedEndpoint | undefined, granted: ReadonlySet<string>): boolean {
  if (!endpoint) return false;
  return endpoint.permission === null || granted.has(endpoint.permission);
}
