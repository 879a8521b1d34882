import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENT_DOCS_DIR, generateEventDocs, SCHEMAS_SUBDIR } from './generate.js';

/**
 * `npm run contracts:docs`: writes the JSON Schemas and the AsyncAPI document into docs/events, removing schemas of
 * events that no longer exist. Runs compiled (dist/docs/write-docs.js), four levels below the repository root.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const outDir = path.join(root, EVENT_DOCS_DIR);
const files = generateEventDocs();

mkdirSync(path.join(outDir, SCHEMAS_SUBDIR), { recursive: true });
const keep = new Set(files.map((f) => f.path));
for (const name of readdirSync(path.join(outDir, SCHEMAS_SUBDIR))) {
  if (!keep.has(`${SCHEMAS_SUBDIR}/${name}`)) rmSync(path.join(outDir, SCHEMAS_SUBDIR, name));
}
for (const file of files) writeFileSync(path.join(outDir, file.path), file.content);
process.stdout.write(`wrote ${files.length} files to ${EVENT_DOCS_DIR}\n`);
