import type { GatewayRequest } from '../auth/authenticated-request.js';

/** `POST /api/v1/keys/:id`: the route template, not the concrete URL, so the audit log can be filtered by action. */
export function actionOf(req: GatewayRequest): string {
  const route = (req.route as { path?: string } | undefined)?.path;
  const path = route ? `${req.baseUrl ?? ''}${route}` : req.path;
  return `${req.method} ${path}`;
}

/** The ids named in the URL (`id`, `token`...), joined: what the action was aimed at. */
export function targetOf(req: GatewayRequest, result?: unknown): string | null {
  const params = Object.entries(req.params ?? {}).filter(([name]) => name !== 'token');
  if (params.length > 0) return params.map(([, v]) => v).join('/');
  const created = (result as { id?: unknown } | null | undefined)?.id;
  return typeof created === 'string' ? created : null;
}

export function sourceOf(req: GatewayRequest): string | null {
  return req.ip ?? req.socket?.remoteAddress ?? null;
}
