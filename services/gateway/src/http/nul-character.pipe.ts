import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { GatewayError } from './gateway-error.js';

const CHECKED: ReadonlySet<ArgumentMetadata['type']> = new Set(['body', 'query', 'param']);

/**
 * Global pipe: a NUL character (U+0000) anywhere in a body, query or path value (strings and object keys, at any
 * depth) answers 400 `NUL_CHARACTER`. Postgres text cannot hold it, so it used to reach a service and fail there with
 * 500. As a pipe it runs after authentication and inside the audit interceptor: the refused attempt is audited.
 */
@Injectable()
export class NulCharacterPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (!CHECKED.has(metadata.type)) return value;
    const where = findNul(value);
    if (where !== null) {
      const field = metadata.type === 'param' ? `path parameter ${metadata.data ?? ''}` : `${metadata.type} ${where}`;
      throw new GatewayError(400, 'NUL_CHARACTER', `The ${field.trim()} contains a NUL character (U+0000)`, {
        in: metadata.type,
        path: where,
      });
    }
    return value;
  }
}

/** The path (`device.vendor`, `tags.2`) of the first string or key holding U+0000, or null. Iterative: no depth limit. */
export function findNul(root: unknown): string | null {
  const stack: Array<[unknown, string]> = [[root, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path || '(root)';
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const at = path ? `${path}.${key}` : key;
        if (key.includes('\u0000')) return at.replaceAll('\u0000', '\\0');
        stack.push([child, at]);
      }
    }
  }
  return null;
}
