import { describe, expect, it } from '@jest/globals';
import { challengeOf, authorizeUrl } from '../auth/pkce.js';
import { describe as describeEvent, lastHour } from './changes.js';
import { equirectangular, geometryPath } from './geo.js';
import { currentCursor, firstPage, nextPage, previousPage, queryString, toggleSort } from './query.js';

describe('device table paging and query', () => {
  it('drops empty values and joins lists', () => {
    expect(queryString({ q: 'cam', state: '', type: ['camera', 'nvr'], limit: 50, cursor: undefined })).toBe(
      '?q=cam&type=camera%2Cnvr&limit=50',
    );
    expect(queryString({})).toBe('');
  });

  it('goes forward and back through cursors', () => {
    let p = nextPage(nextPage(firstPage(), 'c1'), 'c2');
    expect(currentCursor(p)).toBe('c2');
    p = previousPage(previousPage(previousPage(p)));
    expect(currentCursor(p)).toBeUndefined();
  });

  it('toggles sort direction on the same column', () => {
    expect(toggleSort('name', 'name')).toBe('-name');
    expect(toggleSort('-name', 'name')).toBe('name');
    expect(toggleSort('name', 'serial')).toBe('serial');
  });
});

describe('changes', () => {
  it('words device and incident events and keeps the last hour, newest first', () => {
    const now = Date.parse('2026-11-27T10:00:00Z');
    const ev = (id: string, type: string, at: string) => ({ id, type, occurredAt: at, data: { deviceName: 'Dock cam', siteName: 'Store 214' } });
    const list = [
      describeEvent(ev('1', 'device.offline', '2026-11-27T09:30:00Z')),
      describeEvent(ev('2', 'device.online', '2026-11-27T09:50:00Z')),
      describeEvent(ev('3', 'device.offline', '2026-11-27T08:00:00Z')),
    ];
    expect(list[0]).toMatchObject({ text: 'Dock cam went offline (Store 214)', tone: 'bad' });
    expect(lastHour(list, now).map((c) => c.id)).toEqual(['2', '1']);
  });
});

describe('map', () => {
  it('projects the world onto the box and draws closed rings', () => {
    const p = equirectangular(720);
    expect(p.project(-180, 85)).toEqual([0, 0]);
    expect(p.project(180, -60)).toEqual([720, p.height]);
    expect(geometryPath({ type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10]]] }, p)).toMatch(/^M360,170L380,170L380,150Z$/);
    expect(geometryPath(null, p)).toBe('');
    expect(geometryPath({ type: 'Polygon', coordinates: [[[179, 0], [-179, 0], [-179, 1]]] }, p)).toBe('M718,170M2,170L2,168');
  });
});

describe('PKCE', () => {
  it('derives the RFC 7636 S256 challenge', async () => {
    // The example verifier/challenge pair from RFC 7636 appendix B.
    expect(await challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    const u = new URL(authorizeUrl({ authorizationEndpoint: 'https://idp.example/auth', clientId: 'c', redirectUri: 'https://x/cb', state: 's', challenge: 'ch' }));
    expect(u.searchParams.get('code_challenge_method')).toBe('S256');
    expect(u.searchParams.get('response_type')).toBe('code');
  });
});
