import type { EndpointSpec } from '../logic/openapi-routes.js';

const get = (...paths: string[]): EndpointSpec => ({ method: 'GET', paths });
const post = (...paths: string[]): EndpointSpec => ({ method: 'POST', paths });
const patch = (...paths: string[]): EndpointSpec => ({ method: 'PATCH', paths });
const put = (...paths: string[]): EndpointSpec => ({ method: 'PUT', paths });
const del = (...paths: string[]): EndpointSpec => ({ method: 'DELETE', paths });

/**
 * Every operation the console uses. Each is looked up in the gateway's OpenAPI document at sign-in; an operation the
 * gateway does not document shows as "not available" and its controls are not offered.
 */
export const endpointSpecs = {
  me: get('/api/v1/me'),
  organisation: get('/api/v1/organisation'),
  healthSummary: get('/api/v1/health/summary', '/api/v1/health'),
  deviceLiveness: get('/api/v1/health/devices/{id}', '/api/v1/devices/{id}/health'),
  deviceStates: get('/api/v1/health/device-states'),
  deviceHistory: get('/api/v1/health/devices/{id}/history', '/api/v1/devices/{id}/history'),
  availability: get('/api/v1/health/availability', '/api/v1/availability'),
  sites: get('/api/v1/sites'),
  siteCreate: post('/api/v1/sites'),
  siteUpdate: patch('/api/v1/sites/{id}'),
  devices: get('/api/v1/devices'),
  device: get('/api/v1/devices/{id}'),
  deviceCreate: post('/api/v1/devices'),
  deviceUpdate: patch('/api/v1/devices/{id}'),
  devicesExport: get('/api/v1/devices/export', '/api/v1/exports/devices'),
  importCreate: post('/api/v1/imports', '/api/v1/devices/import', '/api/v1/devices/imports'),
  importGet: get('/api/v1/imports/{id}', '/api/v1/devices/imports/{id}'),
  importErrors: get('/api/v1/imports/{id}/errors', '/api/v1/devices/imports/{id}/errors'),
  importErrorsCsv: get('/api/v1/imports/{id}/errors.csv', '/api/v1/devices/imports/{id}/errors.csv'),
  incidents: get('/api/v1/incidents'),
  incident: get('/api/v1/incidents/{id}'),
  incidentAck: post('/api/v1/incidents/{id}/acknowledge', '/api/v1/incidents/{id}/ack'),
  maintenance: get('/api/v1/maintenance-windows', '/api/v1/maintenance'),
  maintenanceCreate: post('/api/v1/maintenance-windows', '/api/v1/maintenance'),
  deliveries: get('/api/v1/deliveries'),
  rules: get('/api/v1/alert-rules', '/api/v1/routing-rules', '/api/v1/rules', '/api/v1/alerting/rules'),
  ruleCreate: post('/api/v1/alert-rules'),
  ruleUpdate: put('/api/v1/alert-rules/{id}'),
  ruleDelete: del('/api/v1/alert-rules/{id}'),
  channels: get('/api/v1/channels', '/api/v1/alerting/channels'),
  channelCreate: post('/api/v1/channels'),
  channelUpdate: patch('/api/v1/channels/{id}'),
  channelDelete: del('/api/v1/channels/{id}'),
  channelTest: post('/api/v1/channels/{id}/test', '/api/v1/alerting/channels/{id}/test'),
  firmwareCatalog: get('/api/v1/firmware', '/api/v1/firmware/catalog', '/api/v1/firmware/releases'),
  complianceSummary: get('/api/v1/compliance/summary'),
  /** `?by=site` or `?by=model`: counts per status, non-compliant, compliant share, open CVEs. */
  complianceBreakdown: get('/api/v1/compliance/breakdown'),
  /** Devices with their compliance; `?status=vulnerable` lists the vulnerable ones with their CVEs. */
  compliance: get('/api/v1/compliance'),
  complianceExport: get('/api/v1/reports/compliance.csv'),
  deviceCompliance: get('/api/v1/devices/{id}/compliance', '/api/v1/compliance/devices/{id}'),
  policies: get('/api/v1/replacement-policies', '/api/v1/policies'),
  policyPut: put('/api/v1/replacement-policies'),
  policyDelete: del('/api/v1/replacement-policies/{id}'),
  plan: get('/api/v1/replacement-plan', '/api/v1/plan'),
  planMove: post('/api/v1/replacement-plan/{id}/transitions'),
  planExport: get('/api/v1/reports/plan.csv'),
  forecast: get('/api/v1/replacement-forecast', '/api/v1/forecast'),
  forecastExport: get('/api/v1/reports/forecast.csv'),
  keys: get('/api/v1/keys'),
  keyCreate: post('/api/v1/keys'),
  users: get('/api/v1/users'),
  userCreate: post('/api/v1/users'),
  userUpdate: patch('/api/v1/users/{id}'),
  userDelete: del('/api/v1/users/{id}'),
  audit: get('/api/v1/audit'),
  events: get('/api/v1/events/stream'),
} satisfies Record<string, EndpointSpec>;

export type EndpointKey = keyof typeof endpointSpecs;
