import type { BBox, TrackPoint } from '@seawarden/contracts';
import type { GeoJSONSource } from 'maplibre-gl';
import type { RuntimeConfig, ZoneCollection } from '../api/api-client.js';
import { toFeatureCollection, type LiveVessel } from '../live/vessel-store.js';
import { createMap, type MapAdapter, type MarkerLike } from './map-adapter.js';
import { CATEGORY_COLORS, categoryColorExpression, drawVesselIcon, vesselIconName, VESSEL_CATEGORIES } from './vessel-icons.js';
import { zoneColorExpression } from './zone-style.js';

export type LayerGroup = 'vessels' | 'zones' | 'track';
const GROUP_LAYERS: Record<LayerGroup, string[]> = {
  vessels: ['vessels', 'vessel-dots', 'vessel-selected'],
  zones: ['zones-fill', 'zones-line', 'zone-highlight'],
  track: ['track-line', 'track-points', 'replay-cursor'],
};
const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * The console's overlays on top of the map adapter: zones, live vessels, the selected
 * vessel's track and label. Vessel updates are coalesced to one setData per animation frame.
 */
export class SeaMap {
  private vessels: Map<number, LiveVessel> = new Map();
  private dirty = false;
  private frame = 0;
  private selected: number | null = null;
  private label: MarkerLike | null = null;
  private labelText = '';
  private vesselsShown = true;
  private dense = false;
  /**
   * Above this many vessels in view the map draws category-coloured dots instead of rotated
   * arrows: maplibre's symbol pipeline costs ~9× a circle layer per update (npm run bench:web),
   * and arrows are unreadable at the zoom where that many vessels fit in the view anyway.
   * Back to arrows below 80 % of it (hysteresis). Infinity keeps arrows always.
   */
  denseAbove = 5000;

  private constructor(readonly adapter: MapAdapter) {}

  static async create(container: HTMLElement, config: RuntimeConfig): Promise<SeaMap> {
    const adapter = await createMap({ container, config });
    const sm = new SeaMap(adapter);
    sm.addOverlays();
    return sm;
  }

  get map() {
    return this.adapter.map;
  }

  private addOverlays(): void {
    const map = this.map;
    const ratio = Math.max(1, Math.min(3, globalThis.devicePixelRatio || 1));
    for (const cat of VESSEL_CATEGORIES) {
      for (const moving of [true, false]) map.addImage(vesselIconName(cat, moving), drawVesselIcon(CATEGORY_COLORS[cat], moving, ratio), { pixelRatio: ratio });
    }
    map.addSource('zones', { type: 'geojson', data: EMPTY });
    map.addSource('track', { type: 'geojson', data: EMPTY });
    map.addSource('replay', { type: 'geojson', data: EMPTY });
    map.addSource('vessels', { type: 'geojson', data: EMPTY });
    const color = zoneColorExpression() as never;
    map.addLayer({ id: 'zones-fill', type: 'fill', source: 'zones', paint: {
      'fill-color': color,
      // Area-wide zones (ban areas, jurisdictions) only outlined, so the sea stays readable.
      'fill-opacity': ['match', ['get', 'kind'], 'jurisdiction', 0, 'fishing_ban', 0.04, 0.16],
    } });
    map.addLayer({ id: 'zones-line', type: 'line', source: 'zones', paint: { 'line-color': color, 'line-width': 1.2, 'line-opacity': 0.8 } });
    map.addLayer({ id: 'zone-highlight', type: 'line', source: 'zones', filter: ['==', ['get', 'id'], '__none__'], paint: { 'line-color': '#ffffff', 'line-width': 3 } });
    map.addLayer({ id: 'track-line', type: 'line', source: 'track', filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': '#fff176', 'line-width': 2, 'line-opacity': 0.85 } });
    map.addLayer({ id: 'track-points', type: 'circle', source: 'track', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 2.5, 'circle-color': '#fff176' } });
    map.addLayer({
      id: 'vessel-selected', type: 'circle', source: 'vessels', filter: ['==', ['get', 'mmsi'], -1],
      paint: { 'circle-radius': 14, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
    });
    map.addLayer({
      id: 'vessels', type: 'symbol', source: 'vessels',
      layout: {
        'icon-image': ['concat', 'vessel-', ['get', 'cat'], ['case', ['==', ['get', 'moving'], 1], '-m', '-s']],
        'icon-rotate': ['get', 'rot'],
        'icon-rotation-alignment': 'map',
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
        'icon-size': ['interpolate', ['linear'], ['zoom'], 6, 0.55, 11, 0.9, 14, 1.1],
      },
    });
    map.addLayer({
      id: 'vessel-dots', type: 'circle', source: 'vessels', layout: { visibility: 'none' },
      paint: {
        'circle-color': categoryColorExpression() as never,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, 1.5, 10, 3.5],
        'circle-stroke-color': '#0b1622', 'circle-stroke-width': 0.5,
      },
    });
    map.addLayer({ id: 'replay-cursor', type: 'circle', source: 'replay', paint: { 'circle-radius': 7, 'circle-color': '#fff176', 'circle-stroke-color': '#0b1622', 'circle-stroke-width': 2 } });
    for (const layer of ['vessels', 'vessel-dots']) {
      map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'));
      map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = ''));
    }
  }

  setZones(zones: ZoneCollection): void {
    (this.map.getSource('zones') as GeoJSONSource).setData(zones as unknown as GeoJSON.FeatureCollection);
  }

  highlightZone(id: string | null): void {
    this.map.setFilter('zone-highlight', ['==', ['get', 'id'], id ?? '__none__']);
  }

  /** Hands over the live vessel map; it is read on the next animation frame. */
  setVessels(vessels: Map<number, LiveVessel>): void {
    this.vessels = vessels;
    this.invalidate();
  }

  invalidate(): void {
    this.dirty = true;
    if (!this.frame) this.frame = requestAnimationFrame(() => this.flush());
  }

  private flush(): void {
    this.frame = 0;
    if (!this.dirty) return;
    this.dirty = false;
    const fc = toFeatureCollection(this.vessels);
    const n = fc.features.length;
    const dense = this.dense ? n > this.denseAbove * 0.8 : n > this.denseAbove;
    if (dense !== this.dense) {
      this.dense = dense;
      this.applyVesselVisibility();
    }
    (this.map.getSource('vessels') as GeoJSONSource).setData(fc as unknown as GeoJSON.FeatureCollection);
    this.map.getContainer().dataset.vesselStyle = dense ? 'dots' : 'arrows';
    // Observable count of drawn vessels (browser tests read it).
    this.map.getContainer().dataset.vesselFeatures = String(fc.features.length);
    this.updateLabel();
  }

  /** Highlights a vessel and shows its name beside it as an HTML label. */
  selectVessel(mmsi: number | null, labelText = ''): void {
    this.selected = mmsi;
    this.labelText = labelText;
    this.map.setFilter('vessel-selected', ['==', ['get', 'mmsi'], mmsi ?? -1]);
    this.updateLabel();
  }

  private updateLabel(): void {
    const v = this.selected === null ? undefined : this.vessels.get(this.selected);
    if (!v || v.lat === null || v.lon === null) {
      this.label?.remove();
      this.label = null;
      return;
    }
    if (!this.label) {
      const el = document.createElement('div');
      el.className = 'vessel-label';
      el.setAttribute('translate', 'no');
      this.label = this.adapter.marker(el).setLngLat([v.lon, v.lat]).addTo(this.map);
    }
    this.label.getElement().textContent = this.labelText || v.name || String(v.mmsi);
    this.label.setLngLat([v.lon, v.lat]);
  }

  setTrack(points: TrackPoint[]): void {
    const features: GeoJSON.Feature[] = [];
    if (points.length > 1) features.push({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: points.map((p) => [p.lon, p.lat]) } });
    for (const p of points) features.push({ type: 'Feature', properties: { t: p.t }, geometry: { type: 'Point', coordinates: [p.lon, p.lat] } });
    (this.map.getSource('track') as GeoJSONSource).setData({ type: 'FeatureCollection', features });
  }

  setReplayCursor(p: { lat: number; lon: number } | null): void {
    (this.map.getSource('replay') as GeoJSONSource).setData(
      p ? { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [p.lon, p.lat] } } : EMPTY,
    );
  }

  flyTo(lon: number, lat: number, zoom = 13): void {
    this.map.flyTo({ center: [lon, lat], zoom: Math.max(zoom, this.map.getZoom()), speed: 2.2 });
  }

  fitPoints(points: { lat: number; lon: number }[], padding: number | { top: number; bottom: number; left: number; right: number } = 60): void {
    if (points.length === 0) return;
    let w = 180, s = 90, e = -180, n = -90;
    for (const p of points) {
      w = Math.min(w, p.lon); e = Math.max(e, p.lon); s = Math.min(s, p.lat); n = Math.max(n, p.lat);
    }
    this.map.fitBounds([[w, s], [e, n]], { padding, maxZoom: 14, duration: 600 });
  }

  bbox(): BBox {
    const b = this.map.getBounds();
    return { west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth() };
  }

  onViewport(fn: (bbox: BBox) => void): void {
    this.map.on('moveend', () => fn(this.bbox()));
  }

  onVesselClick(fn: (mmsi: number) => void): void {
    for (const layer of ['vessels', 'vessel-dots']) {
      this.map.on('click', layer, (e) => {
        const f = e.features?.[0];
        if (f) fn(Number(f.properties?.mmsi));
      });
    }
  }

  setGroupVisible(group: LayerGroup, visible: boolean): void {
    if (group === 'vessels') {
      this.vesselsShown = visible;
      this.applyVesselVisibility();
      return;
    }
    for (const id of GROUP_LAYERS[group]) this.map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }

  private applyVesselVisibility(): void {
    const show = (id: string, on: boolean) => this.map.setLayoutProperty(id, 'visibility', on ? 'visible' : 'none');
    show('vessels', this.vesselsShown && !this.dense);
    show('vessel-dots', this.vesselsShown && this.dense);
    show('vessel-selected', this.vesselsShown);
  }

  destroy(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.label?.remove();
    this.map.remove();
  }
}
