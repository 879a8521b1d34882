import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENT_DOCS_DIR, generateEventDocs, SCHEMAS_SUBDIR } from './generate.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const docsDir = path.join(root, EVENT_DOCS_DIR);

/** Paths (relative to docs/events) whose committed content differs from what the schemas generate now. */
function staleFiles(): string[] {
  const generated = generateEventDocs();
  const differing = generated
    .filter((f) => {
      const file = path.join(docsDir, f.path);
      return !existsSync(file) || readFileSync(file, 'utf8') !== f.content;
    })
    .map((f) => f.path);
  const expected = new Set(generated.map((f) => f.path));
  const schemaDir = path.join(docsDir, SCHEMAS_SUBDIR);
  const extra = existsSync(schemaDir)
    ? readdirSync(schemaDir)
        .map((name) => `${SCHEMAS_SUBDIR}/${name}`)
        .filter((p) => !expected.has(p))
    : [];
  return [...differing, ...extra.map((p) => `${p} (no longer generated)`)];
}

describe('generated event docs', () => {
  it('are up to date with the schemas', () => {
    const stale = staleFiles();
    if (stale.length > 0) {
      throw new Error(
        `${EVENT_DOCS_DIR} is stale, run \`npm run contracts:docs\` and commit the result: ${stale.join(', ')}`,
      );
    }
    expect(stale).toEqual([]);
  });

  it('are deterministic', () => {
    expect(generateEventDocs()).toEqual(generateEventDocs());
  });
});
