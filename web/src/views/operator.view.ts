import type { Alert, VesselSnapshot } from '@seawarden/contracts';
import { api } from '../api/api-client.js';
import type { Unmount, ViewContext } from '../app/context.js';
import { errorText } from '../app/errors.js';
import { zoneName } from '../app/zone-names.js';
import { AlertFeed } from '../components/alert-feed.js';
import { mapControls } from '../components/map-controls.js';
import { vesselPanel } from '../components/vessel-panel.js';
import { vesselSearch } from '../components/vessel-search.js';
import { applyI18n, onLangChange, t } from '../i18n/i18n.js';
import { applyDelta, type LiveVessel } from '../live/vessel-store.js';
import type { ZoneCollection } from '../api/api-client.js';
import { SeaMap } from '../map/sea-map.js';
import { h } from '../ui/dom.js';

/** How much track to show around an alert. */
const TRACK_MARGIN_MS = 30 * 60_000;
/** Track shown for a vessel opened from the map or the search. */
const RECENT_TRACK_MS = 2 * 3600_000;

/** The watch floor: live map of the viewport, alert feed, vessel panel. */
export function mountOperator(main: HTMLElement, ctx: ViewContext): Unmount {
  let destroyed = false;
  let zones: ZoneCollection | null = null;
  let sea: SeaMap | null = null;
  const vessels = new Map<number, LiveVessel>();
  let panelState: { mmsi: number; alert: Alert | null; vessel: VesselSnapshot | null; registry: Awaited<ReturnType<typeof api.vessel>>['registry'] } | null = null;

  // translate="no": the map library's own controls (scale in nautical miles) are not console strings.
  const mapEl = h('div', { class: 'map', 'data-testid': 'map', translate: 'no', role: 'region', 'data-i18n-aria': 'map.label', 'aria-label': t('map.label') });
  const count = h('span', { translate: 'no', 'data-testid': 'vessel-count' }, '0');
  const panelSlot = h('div', { class: 'panel-slot' });
  const feed = new AlertFeed({
    onSelect: (a) => void openAlert(a),
    onAcknowledge: async (a) => {
      try {
        feed.push(await api.acknowledge(a.id));
        ctx.notify(t('feed.acked'));
      } catch (err) {
        ctx.notify(errorText(err), 'error');
      }
    },
    zoneName: (id) => zoneName(zones, id),
  });
  const mapWrap = h(
    'div',
    { class: 'map-wrap' },
    mapEl,
    h('div', { class: 'map-top' }, vesselSearch((v) => void openVessel(v.mmsi, null, v)), h('span', { class: 'vessel-count' }, h('span', { i18n: 'map.vesselCount' }), ' ', count)),
    panelSlot,
  );
  main.append(h('div', { class: 'operator-layout' }, mapWrap, feed.el));
  main.classList.add('full');

  function renderPanel(): void {
    if (!panelState) {
      panelSlot.replaceChildren();
      return;
    }
    panelSlot.replaceChildren(
      vesselPanel({ ...panelState, zoneName: (id) => zoneName(zones, id), onClose: () => { panelState = null; sea?.selectVessel(null); sea?.setTrack([]); sea?.highlightZone(null); feed.select(null); renderPanel(); } }),
    );
  }

  async function openVessel(mmsi: number, alert: Alert | null, known?: VesselSnapshot): Promise<void> {
    panelState = { mmsi, alert, vessel: known ?? null, registry: null };
    renderPanel();
    // Where the vessel is now (live, else as found), else where the alert was raised.
    const live = vessels.get(mmsi);
    const now = live && live.lat !== null && live.lon !== null ? { lat: live.lat, lon: live.lon } : known && known.lat !== null && known.lon !== null ? { lat: known.lat, lon: known.lon } : null;
    const pos = now ?? alert?.position ?? null;
    if (pos) sea?.flyTo(pos.lon, pos.lat);
    sea?.selectVessel(mmsi, alert?.vesselName ?? known?.name ?? live?.name ?? String(mmsi));
    sea?.highlightZone(alert?.zoneId ?? null);
    // Track times follow the data (a replayed or simulated feed runs in the past), not the wall clock.
    const lastFix = live?.fixAt ? live.fixAt * 1000 : known?.fixAt ? Date.parse(known.fixAt) : Date.now();
    const from = new Date(alert ? Date.parse(alert.openedAt) - TRACK_MARGIN_MS : lastFix - RECENT_TRACK_MS).toISOString();
    const to = new Date(alert?.closedAt ? Date.parse(alert.closedAt) + TRACK_MARGIN_MS : Math.max(lastFix, alert ? Date.parse(alert.updatedAt) : 0) + 60_000).toISOString();
    const [detail, track] = await Promise.all([api.vessel(mmsi).catch(() => null), api.track(mmsi, from, to).catch(() => null)]);
    if (destroyed || panelState?.mmsi !== mmsi) return;
    if (detail) panelState = { ...panelState, vessel: detail.vessel ?? panelState.vessel, registry: detail.registry };
    renderPanel();
    if (track) {
      sea?.setTrack(track.points);
      // Frame the recent track together with where the vessel is now.
      const v = panelState.vessel;
      const current = v && v.lat !== null && v.lon !== null ? [{ lat: v.lat, lon: v.lon }] : [];
      // Left padding keeps the track clear of the vessel panel.
      if (track.points.length > 1) sea?.fitPoints([...track.points.slice(-200), ...current], { top: 70, bottom: 40, left: 370, right: 40 });
    }
  }

  async function openAlert(a: Alert): Promise<void> {
    feed.select(a.id);
    await openVessel(a.mmsi, a);
  }

  const offAlert = (alert: Alert) => {
    feed.push(alert);
    if (panelState?.alert?.id === alert.id) {
      panelState = { ...panelState, alert };
      renderPanel();
    }
  };
  const offDelta = (d: Parameters<typeof applyDelta>[1]) => {
    if (applyDelta(vessels, d)) {
      count.textContent = String(vessels.size);
      sea?.setVessels(vessels);
    }
  };
  ctx.live.socket.on('alert', offAlert);
  ctx.live.socket.on('vessels:compact', offDelta);
  ctx.live.socket.on('vessels:delta', offDelta);
  const offLang = onLangChange(() => renderPanel());

  void ctx.zones().then((z) => {
    zones = z;
    sea?.setZones(z);
    feed.render();
  });
  api
    .alerts({ limit: 100 })
    .then((r) => feed.load(r.items))
    .catch((err) => ctx.notify(errorText(err), 'error'));
  feed.render();

  void SeaMap.create(mapEl, ctx.config).then((m) => {
    if (destroyed) {
      m.destroy();
      return;
    }
    sea = m;
    if (zones) m.setZones(zones);
    m.setVessels(vessels);
    m.onViewport((bbox) => ctx.live.subscribe(bbox));
    m.onVesselClick((mmsi) => void openVessel(mmsi, null));
    ctx.live.subscribe(m.bbox());
    const controls = mapControls(m, ctx.config);
    mapWrap.append(controls);
    applyI18n(controls);
    mapEl.dataset.ready = '1';
  });

  return () => {
    destroyed = true;
    ctx.live.socket.off('alert', offAlert);
    ctx.live.socket.off('vessels:compact', offDelta);
    ctx.live.socket.off('vessels:delta', offDelta);
    ctx.live.socket.emit('vessels:unsubscribe');
    offLang();
    feed.destroy();
    sea?.destroy();
    main.classList.remove('full');
  };
}
