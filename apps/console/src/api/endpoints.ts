import type { EndpointSpec } from '../logic/openapi-routes.js';

const get = (path: string): EndpointSpec => ({ method: 'GET', path });
const post = (path: string): EndpointSpec => ({ method: 'POST', path });
const patch = (path: string): EndpointSpec => ({ method: 'PATCH', path });
const put = (path: string): EndpointSpec => ({ method: 'PUT', path });
const del = (path: string): EndpointSpec => ({ method: 'DELETE', path });

/**
 * Every operation the console uses. Each is looked up in the gateway's OpenAPI document at sign-in; an operation the
 * gateway does not document shows as "not available" and its controls are not offered.
 */
export const endpointSpecs = {
  me: get('/api/v1/me'),
  organisation: get('/api/v1/organisation'),
  healthSummary: get('/api/v1/health/summary'),
  processingStatus: get('/api/v1/status/processing'),
  deviceLiveness: get('/api/v1/health/devices/{id}'),
  deviceStates: get('/api/v1/health/device-states'),
  deviceHistory: get('/api/v1/health/devices/{id}/history'),
  availability: get('/api/v1/health/availability'),
  sites: get('/api/v1/sites'),
  siteCreate: post('/api/v1/sites'),
  siteUpdate: patch('/api/v1/sites/{id}'),
  devices: get('/api/v1/devices'),
  device: get('/api/v1/devices/{id}'),
  deviceCreate: post('/api/v1/devices'),
  deviceUpdate: patch('/api/v1/devices/{id}'),
  devicesExport: get('/api/v1/devices/export'),
  importCreate: post('/api/v1/devices/imports'),
  importGet: get('/api/v1/devices/imports/{id}'),
  importErrors: get('/api/v1/devices/imports/{id}/errors'),
  importErrorsCsv: get('/api/v1/devices/imports/{id}/errors.csv'),
  incidents: get('/api/v1/incidents'),
  incident: get('/api/v1/incidents/{id}'),
  incidentAck: post('/api/v1/incidents/{id}/acknowledge'),
  maintenance: get('/api/v1/maintenance-windows'),
  maintenanceCreate: post('/api/v1/maintenance-windows'),
  deliveries: get('/api/v1/deliveries'),
  rules: get('/api/v1/alert-rules'),
  ruleCreate: post('/api/v1/alert-rules'),
  ruleUpdate: put('/api/v1/alert-rules/{id}'),
  ruleDelete: del('/api/v1/alert-rules/{id}'),
  channels: get('/api/v1/channels'),
  channelCreate: post('/api/v1/channels'),
  channelUpdate: patch('/api/v1/channels/{id}'),
  channelDelete: del('/api/v1/channels/{id}'),
  channelTest: post('/api/v1/channels/{id}/test'),
  firmwareCatalog: get('/api/v1/firmware'),
  complianceSummary: get('/api/v1/compliance/summary'),
  /** `?by=site` or `?by=model`: counts per status, non-compliant, compliant share, open CVEs. */
  complianceBreakdown: get('/api/v1/compliance/breakdown'),
  /** Devices with their compliance; `?status=vulnerable` lists the vulnerable ones with their CVEs. */
  compliance: get('/api/v1/compliance'),
  complianceExport: get('/api/v1/reports/compliance.csv'),
  deviceCompliance: get('/api/v1/devices/{id}/compliance'),
  policies: get('/api/v1/replacement-policies'),
  policyPut: put('/api/v1/replacement-policies'),
  policyDelete: del('/api/v1/replacement-policies/{id}'),
  plan: get('/api/v1/replacement-plan'),
  planMove: post('/api/v1/replacement-plan/{id}/transitions'),
  planExport: get('/api/v1/reports/plan.csv'),
  forecast: get('/api/v1/replacement-forecast'),
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
