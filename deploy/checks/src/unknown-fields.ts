import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe as label, type K8sObject } from './objects.js';

const require = createRequire(import.meta.url);

/** Property name -> the model file of its type (undefined: a scalar, a map or a free-form value: not walked). */
type Fields = Map<string, string | undefined>;

const cache = new Map<string, Fields | null>();

/**
 * The fields of one kubernetes-models type, read from its declaration file (`interface IDeploymentSpec { "replicas"?:
 * number; ... }`). The package's JSON-schema validators accept unknown fields, as the API server's non-strict mode
 * does; a misspelt field is then silently dropped, so these checks reject unknown fields like `kubectl --validate=strict`.
 */
function fieldsOf(file: string): Fields | null {
  if (cache.has(file)) return cache.get(file)!;
  let result: Fields | null = null;
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    const imports = new Map<string, string>();
    for (const m of text.matchAll(/^import \{ (\w+) \} from "([^"]+)";$/gm))
      imports.set(m[1]!, resolveModule(m[2]!, file));
    const body = /^export interface I\w+(?: extends [\w, ]+)? \{\n([\s\S]*?)^\}/m.exec(text)?.[1];
    if (body !== undefined) {
      result = new Map();
      for (const m of body.matchAll(/^ {4}"([^"]+)"\??: (.*);?$/gm)) {
        const type = m[2]!.replace(/;$/, '');
        const named = /^(?:Array<)?(\w+)>?$/.exec(type)?.[1];
        result.set(m[1]!, named ? imports.get(named) : undefined);
      }
    }
  }
  cache.set(file, result);
  return result;
}

function resolveModule(spec: string, from: string): string {
  if (spec.startsWith('.')) return path.resolve(path.dirname(from), `${spec}.d.ts`);
  return declarationOf(spec) ?? '';
}

/** The .d.ts next to the module a package specifier resolves to (the packages export only their .js files). */
function declarationOf(spec: string): string | undefined {
  try {
    return require.resolve(spec).replace(/\.c?js$/, '.d.ts');
  } catch {
    return undefined;
  }
}

function walk(value: unknown, file: string, at: string, out: string[]): void {
  if (Array.isArray(value)) return value.forEach((v, i) => walk(v, file, `${at}[${i}]`, out));
  if (!value || typeof value !== 'object') return;
  const fields = fieldsOf(file);
  if (!fields) return;
  for (const [key, child] of Object.entries(value)) {
    if (!fields.has(key)) {
      out.push(`${at}.${key} is not a field of ${path.basename(file, '.d.ts')}`);
      continue;
    }
    const childFile = fields.get(key);
    if (childFile) walk(child, childFile, `${at}.${key}`, out);
  }
}

/** Fields the Kubernetes API does not know, at any depth (typos such as `readinesProbe` or `imagePullpolicy`). */
export function unknownFieldProblems(objects: K8sObject[]): string[] {
  const out: string[] = [];
  for (const o of objects) {
    const file = declarationOf(`kubernetes-models/${o.apiVersion}/${o.kind}`);
    if (file) walk(o, file, label(o), out);
  }
  return out;
}
