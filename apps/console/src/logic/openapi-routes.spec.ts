import { describe, expect, it } from '@jest/globals';
import { allowed, fillPath, resolveEndpoints } from './openapi-routes.js';

const doc = {
  paths: {
    '/api/v1/devices': {
      get: { 'x-fleetward-permission': 'devices:read' },
      post: { 'x-fleetward-permission': 'devices:write' },
    },
    '/api/v1/incidents/{incidentId}/ack': { post: { 'x-fleetward-permission': 'incidents:ack' } },
  },
};

describe('resolveEndpoints', () => {
  it('finds documented operations by method and path shape, whatever the parameter names', () => {
    const r = resolveEndpoints(doc, {
      list: { method: 'GET', path: '/api/v1/devices' },
      create: { method: 'POST', path: '/api/v1/devices/' },
      ack: { method: 'POST', path: '/api/v1/incidents/{id}/ack' },
      forecast: { method: 'GET', path: '/api/v1/forecast' },
      del: { method: 'DELETE', path: '/api/v1/devices' },
    });
    expect(r.list).toEqual({ method: 'GET', path: '/api/v1/devices', permission: 'devices:read' });
    expect(r.create?.permission).toBe('devices:write');
    expect(r.ack?.path).toBe('/api/v1/incidents/{incidentId}/ack');
    expect(r.forecast).toBeUndefined();
    expect(r.del).toBeUndefined();
  });

  it('allows an endpoint only when it exists and its permission is granted', () => {
    const r = resolveEndpoints(doc, { ack: { method: 'POST', path: '/api/v1/incidents/{id}/ack' } });
    expect(allowed(r.ack, new Set(['incidents:ack']))).toBe(true);
    expect(allowed(r.ack, new Set(['incidents:read']))).toBe(false);
    expect(allowed(undefined, new Set(['incidents:ack']))).toBe(false);
  });

  it('fills path parameters encoded', () => {
    expect(fillPath('/api/v1/devices/{id}/history', 'a b/c')).toBe('/api/v1/devices/a%20b%2Fc/history');
  });
});
