import { ZONE_KINDS } from '@seawarden/contracts';
import type { LayerGroup, SeaMap } from '../map/sea-map.js';
import { CATEGORY_COLORS, VESSEL_CATEGORIES } from '../map/vessel-icons.js';
import { ZONE_COLORS } from '../map/zone-style.js';
import type { RuntimeConfig } from '../api/api-client.js';
import { h } from '../ui/dom.js';

/** Layer toggles and the legend (vessel categories, zone kinds, basemap attribution). */
export function mapControls(sea: SeaMap, config: RuntimeConfig, groups: LayerGroup[] = ['vessels', 'zones', 'track']): HTMLElement {
  const toggles = h('fieldset', { class: 'layers' }, h('legend', { i18n: 'map.layers' }));
  for (const g of groups) {
    const box = h('input', { type: 'checkbox', checked: true, 'data-testid': `layer-${g}`, onchange: (e: Event) => sea.setGroupVisible(g, (e.target as HTMLInputElement).checked) });
    toggles.append(h('label', { class: 'check' }, box, h('span', { i18n: `map.layer.${g}` })));
  }
  const vessels = h('ul', { class: 'legend-list' });
  for (const c of VESSEL_CATEGORIES) vessels.append(h('li', {}, h('span', { class: 'swatch arrow', style: `--c:${CATEGORY_COLORS[c]}` }), h('span', { i18n: `category.${c}` })));
  const zones = h('ul', { class: 'legend-list' });
  for (const k of ZONE_KINDS) zones.append(h('li', {}, h('span', { class: 'swatch', style: `--c:${ZONE_COLORS[k]}` }), h('span', { i18n: `zoneKind.${k}` })));
  const legend = h('details', { class: 'legend' }, h('summary', { i18n: 'map.legend' }), vessels, zones);
  // mapbox-gl draws its own attribution; the offline basemap's is drawn here, translated.
  const attribution =
    sea.adapter.kind === 'maplibre'
      ? h('p', { class: 'attribution' }, h('span', { i18n: 'map.attribution.ne' }), ' · ', h('span', { i18n: 'map.attribution.osm' }), config.tileAttribution ? h('span', { translate: 'no' }, ` · ${config.tileAttribution}`) : null)
      : null;
  return h('div', { class: 'map-controls' }, toggles, legend, attribution);
}
