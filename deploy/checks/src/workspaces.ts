import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.js';

interface PackageJson {
  name?: string;
  dependencies?: Record<string, string>;
}

/** Workspace package name -> its folder (relative to the repository root), from the root package.json globs. */
export function workspaceFolders(root = repoRoot): Map<string, string> {
  const globs: string[] = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).workspaces ?? [];
  const out = new Map<string, string>();
  for (const g of globs) {
    const dirs = g.endsWith('/*')
      ? readdirSync(path.join(root, g.slice(0, -2)), { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => `${g.slice(0, -2)}/${d.name}`)
      : [g];
    for (const dir of dirs) {
      const file = path.join(root, dir, 'package.json');
      if (!existsSync(file)) continue;
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
      if (pkg.name) out.set(pkg.name, dir);
    }
  }
  return out;
}

/** The workspace folders a workspace needs at run time: itself and its workspace dependencies, transitively. */
export function runtimeWorkspaces(folder: string, root = repoRoot): string[] {
  const byName = workspaceFolders(root);
  const seen = new Set<string>();
  const visit = (dir: string) => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const pkg = JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8')) as PackageJson;
    for (const dep of Object.keys(pkg.dependencies ?? {})) {
      const depDir = byName.get(dep);
      if (depDir) visit(depDir);
    }
  };
  visit(folder);
  return [...seen].sort();
}
