import { describe, expect, it } from '@jest/globals';
import { compareVersions, versionKey, versionLine } from './version-key.js';

/** Each list is in ascending order, taken from real vendor release notes. */
const ascending: Record<string, string[]> = {
  'Axis (AXIS OS, LTS tracks)': ['9.80.3.8', '9.80.55', '10.12.182', '10.12.199', '11.0.89', '11.11.73'],
  'Hanwha (version + build date)': ['2.21.02_20221017', '2.40.01_20230712', '2.40.01_20231020', '2.40.02_20230101'],
  'Hikvision (V + build)': [
    'V5.5.0 build 230301',
    'V5.5.0 build 230415',
    'V5.5.80 build 200101',
    'V5.7.3_build_220722',
  ],
  'Bosch (leading zeros)': ['FW 7.80.0128', '7.80.0200', '7.81.0001', '8.10.0005'],
  'letter patches (Milestone 23.2a)': ['1.2.3', '1.2.3a', '1.2.3b', '1.2.4'],
  'revisions (OpenWrt-style -r2)': ['5.7.3', '5.7.3-r1', '5.7.3-r2', '5.7.10'],
  'pre-releases': ['2.0.0-alpha', '2.0.0-beta1', '2.0.0-beta2', '2.0.0-rc1', '2.0.0', '2.0.1'],
  'Mobotix prefix': ['MX-V5.2.6.5', 'MX-V5.2.7.1', 'MX-V5.3.0.0'],
  'numbers, not text': ['1.9.9', '1.10.0', '1.100.0', '10.0.0'],
};

describe('version ordering', () => {
  for (const [name, list] of Object.entries(ascending)) {
    it(`orders ${name}`, () => {
      const shuffled = [...list].reverse();
      expect(shuffled.sort(compareVersions)).toEqual(list);
      for (let i = 1; i < list.length; i++) expect(versionKey(list[i - 1]!)! < versionKey(list[i]!)!).toBe(true);
    });
  }

  it('treats track labels and trailing zeros as the same release', () => {
    expect(versionKey('1.0.2-LTS')).toBe(versionKey('1.0.2'));
    expect(versionKey('1.2')).toBe(versionKey('1.2.0'));
    expect(versionKey('V2.800.0000016.0.R')).toBe(versionKey('2.800.16'));
  });

  it('puts a version without a build before the same version with one', () => {
    expect(compareVersions('5.5.0', 'V5.5.0 build 230301')).toBe(-1);
  });

  it('has no key for versions without a number', () => {
    expect(versionKey('unknown')).toBeNull();
    expect(versionKey('')).toBeNull();
    expect(versionKey(null)).toBeNull();
  });

  it('sorts the same way by bytes (Postgres COLLATE "C") as by JavaScript string order', () => {
    const all = Object.values(ascending)
      .flat()
      .map((v) => versionKey(v)!);
    const js = [...all].sort();
    const bytes = [...all].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect(bytes).toEqual(js);
  });

  it('names the line of a version', () => {
    expect(versionLine('10.12.182')).toBe('10.12');
    expect(versionLine('V5.5.0 build 230301')).toBe('5.5');
    expect(versionLine('7')).toBe('7.0');
  });
});
