import { drainProblems } from './check-drain.js';
import { containerProblems, serviceDeploymentProblems } from './check-workloads.js';
import { imageTagProblems, phaseProblems, referenceProblems } from './check-references.js';
import { identityProblems, schemaProblems } from './check-schemas.js';
import { unknownFieldProblems } from './unknown-fields.js';
import { networkProblems } from './check-network.js';
import { setupJobProblems } from './check-setup.js';
import { exposureProblems, routeReferenceProblems } from './check-exposure.js';
import { resolveEnv } from './env.js';
import { podTemplates, type K8sObject } from './objects.js';

/** Every structural check of one rendered overlay (config against the services' schemas is separate: it is async). */
export function overlayProblems(objects: K8sObject[], namespace = 'fleetward'): string[] {
  const services = podTemplates(objects).filter(
    (t) => t.owner.kind === 'Deployment' && t.labels['app.kubernetes.io/component'] === 'service',
  );
  return [
    ...schemaProblems(objects),
    ...unknownFieldProblems(objects),
    ...identityProblems(objects, namespace),
    ...referenceProblems(objects),
    ...phaseProblems(objects),
    ...containerProblems(objects),
    ...imageTagProblems(objects),
    ...setupJobProblems(objects).problems,
    ...networkProblems(objects),
    ...exposureProblems(objects),
    ...routeReferenceProblems(objects),
    ...services.flatMap((t) => {
      const vars = resolveEnv(t.spec.containers[0]!, objects).vars;
      return [...serviceDeploymentProblems(t, vars.get('PORT')?.value), ...drainProblems(t, vars)];
    }),
  ];
}
