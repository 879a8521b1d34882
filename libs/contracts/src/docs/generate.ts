import { buildAsyncApi } from './asyncapi.js';
import { documentExamples } from './examples.js';
import { eventFlowsMarkdown } from './flows-doc.js';
import { eventJsonSchemas } from './json-schemas.js';

/** Folder of the generated documents, relative to the repository root. */
export const EVENT_DOCS_DIR = 'docs/events';
/** Sub-folder (of EVENT_DOCS_DIR) holding one JSON Schema per event version; everything in it is generated. */
export const SCHEMAS_SUBDIR = 'schemas';

export interface GeneratedFile {
  /** Relative to EVENT_DOCS_DIR, with `/` separators. */
  path: string;
  content: string;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Everything `npm run contracts:docs` writes: deterministic, so a test can compare it with the committed files. */
export function generateEventDocs(): GeneratedFile[] {
  const schemas = eventJsonSchemas().map((s) => ({
    path: `${SCHEMAS_SUBDIR}/${s.key}.schema.json`,
    content: json(s.schema),
  }));
  return [
    { path: 'asyncapi.json', content: json(buildAsyncApi(documentExamples())) },
    { path: 'flows.md', content: eventFlowsMarkdown() },
    ...schemas,
  ];
}
