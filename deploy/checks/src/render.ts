import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { k8sDir } from './paths.js';
import type { K8sObject } from './objects.js';

/**
 * The kubectl binary: $KUBECTL, else `kubectl` on the PATH. Debian's kubernetes-client (kubectl 1.20, Kustomize 2)
 * and current kubectl (Kustomize 5) both render the overlays, which use only fields both understand.
 */
export function kubectlBinary(env: NodeJS.ProcessEnv = process.env): string {
  return env.KUBECTL || 'kubectl';
}

/** Fails loudly when kubectl is missing: the deployment checks must never pass by not running. */
export function assertKubectl(bin = kubectlBinary()): string {
  const r = spawnSync(bin, ['version', '--client'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(
      `kubectl is required to render deploy/k8s (tried "${bin}": ${r.error?.message ?? r.stderr.trim()}). ` +
        'Install it (Debian: apt-get install kubernetes-client) or set KUBECTL to its path.',
    );
  }
  return r.stdout.trim();
}

/** Renders a Kustomize directory with `kubectl kustomize` and parses every document; any error throws. */
export function renderKustomization(dir: string, bin = kubectlBinary()): K8sObject[] {
  const r = spawnSync(bin, ['kustomize', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`kubectl kustomize ${dir}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`kubectl kustomize ${dir} failed: ${r.stderr.trim()}`);
  return parseYamlStream(r.stdout, dir);
}

export function renderOverlay(name: string, k8s = k8sDir, bin = kubectlBinary()): K8sObject[] {
  return renderKustomization(path.join(k8s, 'overlays', name), bin);
}

export function parseYamlStream(text: string, origin: string): K8sObject[] {
  const docs = parseAllDocuments(text);
  const out: K8sObject[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) throw new Error(`${origin}: ${doc.errors.map((e) => e.message).join('; ')}`);
    const value = doc.toJS() as K8sObject | null;
    if (value) out.push(value);
  }
  return out;
}
