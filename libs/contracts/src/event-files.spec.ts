import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { allEvents } from './events.js';

const srcDir = path.dirname(fileURLToPath(import.meta.url));

/** Every `<domain>/<event>.v<N>.ts` file under src. */
function eventFiles(): string[] {
  return readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.v\d+\.ts$/.test(f))
    .map((f) => path.join(srcDir, f));
}

const isDefinition = (v: unknown): v is { type: string; version: number; envelope: unknown } =>
  typeof v === 'object' && v !== null && 'type' in v && 'version' in v && 'envelope' in v;

describe('event files', () => {
  it('each define exactly one event, named after the file, and listed in allEvents', async () => {
    const files = eventFiles();
    expect(files).toHaveLength(allEvents.length);
    for (const file of files) {
      const defs = Object.values(await import(pathToFileURL(file).href)).filter(isDefinition);
      expect({ file: path.relative(srcDir, file), count: defs.length }).toEqual({
        file: path.relative(srcDir, file),
        count: 1,
      });
      const def = defs[0]!;
      expect(path.basename(file)).toBe(`${def.type.split('.').join('-')}.v${def.version}.ts`);
      expect(allEvents).toContain(def);
    }
  });
});
