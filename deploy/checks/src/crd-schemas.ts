import { z } from 'zod';

/**
 * Schemas of the custom resources Fleetward ships (Gateway API, Prometheus Operator), for the fields it uses, strict:
 * an unknown or misspelt field fails as it would against the CRD's own schema. kubernetes-models covers only the
 * built-in kinds (`@kubernetes-models/gateway-api` and `@kubernetes-models/prometheus-operator` would replace these).
 */
const name = z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);
const metadata = z.strictObject({
  name,
  namespace: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});
const duration = z.string().regex(/^([0-9]{1,5}(h|m|s|ms)){1,4}$/);
const object = (apiVersion: string, kind: string, spec: z.ZodTypeAny) =>
  z.strictObject({ apiVersion: z.literal(apiVersion), kind: z.literal(kind), metadata, spec });

const parentRef = z.strictObject({
  group: z.literal('gateway.networking.k8s.io').optional(),
  kind: z.literal('Gateway').optional(),
  name,
  namespace: z.string().optional(),
  sectionName: z.string().optional(),
});
const pathMatch = z.strictObject({
  type: z.enum(['Exact', 'PathPrefix', 'RegularExpression']),
  value: z.string().startsWith('/'),
});
const httpRoute = object(
  'gateway.networking.k8s.io/v1',
  'HTTPRoute',
  z.strictObject({
    parentRefs: z.array(parentRef).min(1),
    hostnames: z.array(z.string()).optional(),
    rules: z
      .array(
        z.strictObject({
          matches: z
            .array(z.strictObject({ path: pathMatch.optional() }))
            .max(64)
            .optional(),
          backendRefs: z
            .array(z.strictObject({ name, port: z.number().int(), weight: z.number().int().optional() }))
            .optional(),
          timeouts: z.strictObject({ request: duration.optional(), backendRequest: duration.optional() }).optional(),
        }),
      )
      .min(1)
      .max(16),
  }),
);
const gateway = object(
  'gateway.networking.k8s.io/v1',
  'Gateway',
  z.strictObject({
    gatewayClassName: name,
    listeners: z
      .array(
        z.strictObject({
          name,
          protocol: z.enum(['HTTP', 'HTTPS']),
          port: z.number().int().min(1).max(65535),
          hostname: z.string().optional(),
          tls: z
            .strictObject({
              mode: z.enum(['Terminate', 'Passthrough']).optional(),
              certificateRefs: z.array(z.strictObject({ kind: z.literal('Secret').optional(), name })).min(1),
            })
            .optional(),
          allowedRoutes: z
            .strictObject({ namespaces: z.strictObject({ from: z.enum(['All', 'Same', 'Selector']) }).optional() })
            .optional(),
        }),
      )
      .min(1),
  }),
);
const selector = z.strictObject({ matchLabels: z.record(z.string(), z.string()) });
const serviceMonitor = object(
  'monitoring.coreos.com/v1',
  'ServiceMonitor',
  z.strictObject({
    selector,
    namespaceSelector: z.strictObject({ matchNames: z.array(z.string()) }).optional(),
    endpoints: z
      .array(
        z.strictObject({
          port: z.string(),
          path: z.string().startsWith('/').optional(),
          interval: duration.optional(),
          scrapeTimeout: duration.optional(),
        }),
      )
      .min(1),
  }),
);
const prometheusRule = object(
  'monitoring.coreos.com/v1',
  'PrometheusRule',
  z.strictObject({
    groups: z
      .array(
        z.strictObject({
          name: z.string(),
          interval: duration.optional(),
          rules: z
            .array(
              z.strictObject({
                alert: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/),
                expr: z.string().min(1),
                for: duration.optional(),
                labels: z.record(z.string(), z.string()).optional(),
                annotations: z.record(z.string(), z.string()).optional(),
              }),
            )
            .min(1),
        }),
      )
      .min(1),
  }),
);

export const CRD_SCHEMAS: Record<string, z.ZodTypeAny> = {
  'gateway.networking.k8s.io/v1/HTTPRoute': httpRoute,
  'gateway.networking.k8s.io/v1/Gateway': gateway,
  'monitoring.coreos.com/v1/ServiceMonitor': serviceMonitor,
  'monitoring.coreos.com/v1/PrometheusRule': prometheusRule,
};
