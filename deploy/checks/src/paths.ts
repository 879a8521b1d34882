import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file so the checks run from any working directory. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const deployDir = path.join(repoRoot, 'deploy');
export const k8sDir = path.join(deployDir, 'k8s');

/** Every deployable service: a folder under services/ with a src/main.ts. */
export function serviceNames(root = repoRoot): string[] {
  const dir = path.join(root, 'services');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'src/main.ts')))
    .map((d) => d.name)
    .sort();
}

/** Every overlay under deploy/k8s/overlays (a folder with a kustomization.yaml). */
export function overlayNames(k8s = k8sDir): string[] {
  const dir = path.join(k8s, 'overlays');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'kustomization.yaml')))
    .map((d) => d.name)
    .sort();
}
