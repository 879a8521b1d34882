// Deterministic synthetic fleet for the lifecycle benchmark: a catalog of models x releases, a site tree with
// several time zones, and devices spread over them. A small LCG instead of Math.random so every run is the same.
export function rng(seed = 42) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const VENDORS = ['Axis', 'Hanwha', 'Hikvision', 'Bosch', 'HID'];
const TYPES = ['camera', 'camera', 'camera', 'nvr', 'access-panel', 'reader', 'intercom', 'sensor'];
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney'];

const versionOf = (vendor, major, minor, patch) => {
  switch (vendor) {
    case 'Hanwha':
      return `${major}.${String(minor).padStart(2, '0')}.${String(patch).padStart(2, '0')}_2023${String((minor % 12) + 1).padStart(2, '0')}12`;
    case 'Hikvision':
      return `V${major}.${minor}.${patch} build 23${String((minor % 12) + 1).padStart(2, '0')}01`;
    case 'Bosch':
      return `${major}.${minor * 10}.${String(patch).padStart(4, '0')}`;
    default:
      return `${major}.${minor}.${patch}`;
  }
};

/** 8 models per vendor, 20 releases each; every 4th release fixes CVEs; some lines and models lose support. */
export function catalog() {
  const releases = [];
  const modelSupport = [];
  const models = [];
  for (const vendor of VENDORS) {
    for (let m = 0; m < 8; m++) {
      const model = `${vendor.slice(0, 3).toUpperCase()}-${1000 + m}`;
      const versions = [];
      for (let r = 0; r < 20; r++) {
        const major = 5 + Math.floor(r / 8);
        const version = versionOf(vendor, major, r % 8, r * 3 + m);
        const day = new Date(Date.UTC(2021, 0, 1) + r * 60 * 86_400_000).toISOString().slice(0, 10);
        releases.push({
          vendor,
          models: [model],
          version,
          releaseDate: day,
          track: 'active',
          lineEndOfSupport: major === 5 ? '2026-01-01' : null,
          cves:
            r % 4 === 3 ? [{ id: `CVE-2025-${10000 + m * 100 + r}`, severity: r % 8 === 7 ? 'critical' : 'high' }] : [],
          releaseNotesUrl: null,
        });
        versions.push(version);
      }
      models.push({ vendor, model, versions });
      if (m === 7) modelSupport.push({ vendor, model, endOfSupport: '2027-06-30' });
    }
  }
  return { releases, modelSupport, models };
}

/** 20 regions x 100 sites; each site has a time zone. */
export function sites() {
  const out = [];
  for (let r = 0; r < 20; r++) {
    out.push({ siteId: `r${r}`, parentId: null, timezone: ZONES[r % ZONES.length] });
    for (let s = 0; s < 100; s++)
      out.push({ siteId: `r${r}-s${s}`, parentId: `r${r}`, timezone: ZONES[(r + s) % ZONES.length] });
  }
  return out;
}

export function* devices(n, models, next = rng()) {
  const day = 86_400_000;
  const base = Date.UTC(2018, 0, 1);
  for (let i = 0; i < n; i++) {
    const model = models[Math.floor(next() * models.length)];
    const install = new Date(base + Math.floor(next() * 8 * 365) * day);
    const warranty = next() < 0.05 ? null : new Date(install.getTime() + (3 + Math.floor(next() * 3)) * 365 * day);
    const unknownVersion = next() < 0.02;
    yield {
      deviceId: `dev-${i}`,
      siteId: `r${i % 20}-s${Math.floor(next() * 100)}`,
      type: TYPES[Math.floor(next() * TYPES.length)],
      vendor: model.vendor,
      model: model.model,
      firmwareVersion: unknownVersion ? 'unknown' : model.versions[Math.floor(next() * model.versions.length)],
      installDate: install.toISOString().slice(0, 10),
      warrantyEnd: warranty ? warranty.toISOString().slice(0, 10) : null,
      cost: next() < 0.3 ? null : (200 + Math.floor(next() * 3000)).toFixed(2),
      failed: next() < 0.005,
      offlineDaysAgo: next() < 0.02 ? Math.floor(next() * 30) : null,
    };
  }
}
