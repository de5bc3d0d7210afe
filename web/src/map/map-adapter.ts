import * as maplibregl from 'maplibre-gl';
import type { Map as MaplibreMap } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { RuntimeConfig } from '../api/api-client.js';
import { loadNaturalEarthLand, offlineStyle, OPERATING_BBOX } from './basemap-style.js';

// The bundled maplibre cannot find its worker beside itself; point it at the emitted asset.
maplibregl.setWorkerUrl(workerUrl);

/**
 * The one map API the console uses. mapbox-gl 3 has the same calls, so both libraries are
 * driven through maplibre's types; only creation differs.
 */
export type GlMap = MaplibreMap;
export interface MarkerLike {
  setLngLat(ll: [number, number]): MarkerLike;
  addTo(map: GlMap): MarkerLike;
  remove(): void;
  getElement(): HTMLElement;
}

export interface MapAdapter {
  kind: 'maplibre' | 'mapbox';
  map: GlMap;
  /** Creates a DOM marker (used for the selected vessel's label: no glyph server needed). */
  marker(el: HTMLElement): MarkerLike;
}

export interface CreateMapOptions {
  container: HTMLElement;
  config: RuntimeConfig;
  center?: [number, number];
  zoom?: number;
}

const DEFAULT_CENTER: [number, number] = [122.33, 29.95];

/** Creates the map and resolves once its style is loaded and overlays can be added. */
export async function createMap(opts: CreateMapOptions): Promise<MapAdapter> {
  if (opts.config.mapboxToken) return createMapbox(opts, opts.config.mapboxToken);
  const map = new maplibregl.Map({
    container: opts.container,
    style: offlineStyle({ tileUrl: opts.config.tileUrl }),
    center: opts.center ?? DEFAULT_CENTER,
    zoom: opts.zoom ?? 10,
    maxBounds: [[OPERATING_BBOX[0] - 20, OPERATING_BBOX[1] - 15], [OPERATING_BBOX[2] + 20, OPERATING_BBOX[3] + 15]],
    // Attribution is drawn by the console itself (translated, see map-controls.ts).
    attributionControl: false,
    // CJK text (HTML labels aside) would come from local fonts, never a glyph server.
    localIdeographFontFamily: '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif',
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: true }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'nautical' }), 'bottom-left');
  await new Promise<void>((resolve) => map.once('load', () => resolve()));
  // Natural Earth is 3 MB: load it after the first frame so the overlays appear at once.
  void loadNaturalEarthLand()
    .then((land) => (map.getSource('ne-land') as maplibregl.GeoJSONSource | undefined)?.setData(land))
    .catch((err) => console.warn(err));
  return { kind: 'maplibre', map, marker: (el) => new maplibregl.Marker({ element: el, anchor: 'left', offset: [12, 0] }) as unknown as MarkerLike };
}

/** mapbox-gl only with a token, loaded lazily so the default build never fetches from Mapbox. */
async function createMapbox(opts: CreateMapOptions, token: string): Promise<MapAdapter> {
  const [{ default: mapboxgl }] = await Promise.all([import('mapbox-gl'), import('mapbox-gl/dist/mapbox-gl.css')]);
  mapboxgl.accessToken = token;
  const map = new mapboxgl.Map({
    container: opts.container,
    style: opts.config.mapboxStyle ?? 'mapbox://styles/mapbox/dark-v11',
    center: opts.center ?? DEFAULT_CENTER,
    zoom: opts.zoom ?? 10,
    projection: 'mercator',
  });
  map.addControl(new mapboxgl.NavigationControl(), 'top-right');
  map.addControl(new mapboxgl.ScaleControl({ unit: 'nautical' }), 'bottom-left');
  await new Promise<void>((resolve) => map.once('load', () => resolve()));
  return {
    kind: 'mapbox',
    map: map as unknown as GlMap,
    marker: (el) => new mapboxgl.Marker({ element: el, anchor: 'left', offset: [12, 0] }) as unknown as MarkerLike,
  };
}
