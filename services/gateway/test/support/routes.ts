import type { OpenAPIObject } from '@nestjs/swagger';

export interface DocumentedRoute {
  method: string;
  /** OpenAPI path, e.g. `/api/v1/keys/{id}`. */
  path: string;
  permission: string | undefined;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every operation of the generated OpenAPI document with the permission its route declares. */
export function documentedRoutes(doc: OpenAPIObject): DocumentedRoute[] {
  const out: DocumentedRoute[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as (Record<string, unknown> & { 'x-fleetward-permission'?: string }) | undefined;
      if (op) out.push({ method: method.toUpperCase(), path, permission: op['x-fleetward-permission'] });
    }
  }
  return out;
}

/** `/api/v1/keys/{id}` with every parameter replaced. */
export function fillPath(path: string, value: (name: string) => string): string {
  return path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(value(name)));
}
