import type { StyleSpecification } from 'maplibre-gl';

/** Operating area of the detailed coastline (see scripts/build-basemap.mjs). */
export const OPERATING_BBOX: [number, number, number, number] = [121.5, 29.5, 123.0, 30.5];
export const SEA_COLOR = '#0b1a2a';
export const LAND_COLOR = '#1f2d3a';
export const COAST_COLOR = '#3d5368';

function absolute(path: string): string {
  return new URL(path, globalThis.location?.href ?? 'http://localhost/').href;
}

/**
 * The offline style: everything from the console's own origin, no glyphs, no sprite.
 * Natural Earth land everywhere; inside the operating area a sea-coloured mask hides it and
 * the detailed coastline is drawn instead, so the two datasets never show double shores.
 * A site tile server, when configured, is drawn over the land and under the overlays.
 */
export function offlineStyle(opts: { tileUrl?: string }): StyleSpecification {
  const [w, s, e, n] = OPERATING_BBOX;
  const style: StyleSpecification = {
    version: 8,
    sources: {
      'ne-land': { type: 'geojson', data: { type: 'FeatureCollection', features: [] }},
      'op-mask': {
        type: 'geojson',
        data: { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] } },
      },
      'op-coast': { type: 'geojson', data: absolute('/basemap/zhoushan-coast.geojson') },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': SEA_COLOR } },
      { id: 'ne-land', type: 'fill', source: 'ne-land', paint: { 'fill-color': LAND_COLOR } },
      { id: 'op-mask', type: 'fill', source: 'op-mask', paint: { 'fill-color': SEA_COLOR } },
      { id: 'op-coast-fill', type: 'fill', source: 'op-coast', paint: { 'fill-color': LAND_COLOR } },
      { id: 'op-coast-line', type: 'line', source: 'op-coast', paint: { 'line-color': COAST_COLOR, 'line-width': 1 } },
    ],
  };
  if (opts.tileUrl) {
    style.sources.site = { type: 'raster', tiles: [opts.tileUrl], tileSize: 256 };
    style.layers.push({ id: 'site-tiles', type: 'raster', source: 'site' });
  }
  return style;
}

/** Natural Earth land from the world-atlas TopoJSON served beside the app. */
export async function loadNaturalEarthLand(): Promise<GeoJSON.FeatureCollection | GeoJSON.Feature> {
  const [{ feature }, res] = await Promise.all([import('topojson-client'), fetch('/basemap/land-10m.json')]);
  if (!res.ok) throw new Error(`basemap: GET /basemap/land-10m.json answered ${res.status}`);
  const topo = (await res.json()) as import('topojson-specification').Topology;
  return feature(topo, topo.objects.land!) as GeoJSON.FeatureCollection | GeoJSON.Feature;
}
