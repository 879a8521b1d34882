import { describe, expect, it } from '@jest/globals';
import { csvSafeCell, csvStringifier } from './csv-safe.js';

describe('CSV formula escaping (CWE-1236)', () => {
  it('prefixes text that a spreadsheet would evaluate, and leaves everything else alone', () => {
    for (const v of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(csvSafeCell(v)).toBe(`'${v}`);
    for (const v of ['Gate 1', '', "'=already text", 'a=b']) expect(csvSafeCell(v)).toBe(v);
    expect(csvSafeCell(-5)).toBe(-5);
    expect(csvSafeCell(null)).toBeNull();
  });

  it('escapes every string cell written through csvStringifier, numbers stay numbers', async () => {
    const csv = csvStringifier({ header: true, columns: ['name', 'delta'] });
    const chunks: string[] = [];
    csv.on('data', (c: Buffer) => chunks.push(c.toString()));
    const done = new Promise((resolve) => csv.on('end', resolve));
    csv.write({ name: `=cmd|' /C calc'!A0`, delta: -3 });
    csv.end();
    await done;
    expect(chunks.join('')).toBe(`name,delta\n'=cmd|' /C calc'!A0,-3\n`);
  });
});
