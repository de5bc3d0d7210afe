import type { AlertAuditEvent, AuditVerifyResult, TrackPoint } from '@seawarden/contracts';
import { api, downloadFile, type AlertDetail, type ZoneCollection } from '../api/api-client.js';
import type { Unmount, ViewContext } from '../app/context.js';
import { errorText } from '../app/errors.js';
import { zoneName } from '../app/zone-names.js';
import { applyI18n, onLangChange, pick, t } from '../i18n/i18n.js';
import { positionAt } from '../live/track-replay.js';
import { SeaMap } from '../map/sea-map.js';
import { formatTime } from '../time/format-time.js';
import { data, h } from '../ui/dom.js';

const TRACK_MARGIN_MS = 30 * 60_000;
const SPEEDS = [1, 10, 60, 300];

/** One alert under review: track replay, evidence timeline, audit trail, decisions, exports. */
export function mountInspectorAlert(main: HTMLElement, ctx: ViewContext, alertId: string): Unmount {
  let destroyed = false;
  let detail: AlertDetail | null = null;
  let zones: ZoneCollection | null = null;
  let track: TrackPoint[] = [];
  let sea: SeaMap | null = null;
  let playing = false;
  let speed = 60;
  let timer = 0;
  const canDecide = ctx.user.role === 'inspector' || ctx.user.role === 'admin';

  const info = h('div', { class: 'alert-info' });
  const evidence = h('ol', { class: 'timeline', 'data-testid': 'evidence' });
  const audit = h('ol', { class: 'timeline', 'data-testid': 'audit-trail' });
  let verified: AuditVerifyResult | null = null;
  const verifyOut = h('output', { 'data-testid': 'audit-verify-result' });
  const verifyBtn = canDecide
    ? h('button', { type: 'button', 'data-testid': 'audit-verify', i18n: 'alert.auditVerified', onclick: () => void verifyAudit() })
    : null;
  const mapEl = h('div', { class: 'map map-small', translate: 'no', role: 'region', 'data-i18n-aria': 'map.label', 'aria-label': t('map.label') });
  const slider = h('input', { type: 'range', min: '0', max: '1000', value: '0', step: '1', 'data-i18n-aria': 'replay.time', 'aria-label': t('replay.time'), 'data-testid': 'replay-slider' });
  const replayTime = h('output', {});
  const playBtn = h('button', { type: 'button', i18n: 'replay.play', 'data-testid': 'replay-play' });
  const speedSel = h('select', { 'data-i18n-aria': 'replay.speed', 'aria-label': t('replay.speed') }, ...SPEEDS.map((s) => h('option', { value: String(s), translate: 'no' }, `${s}×`)));
  speedSel.value = String(speed);
  const note = h('textarea', { id: 'decision-note', rows: '3', 'data-testid': 'decision-note' });
  const decisionError = h('p', { class: 'form-error', role: 'alert', hidden: true });

  const actions = canDecide
    ? h(
        'form',
        { class: 'decision card', onsubmit: (e: Event) => e.preventDefault() },
        h('label', { class: 'field', for: 'decision-note' }, h('span', { i18n: 'alert.noteLabel' }), note),
        h('p', { class: 'hint', i18n: 'alert.reasonLabel' }),
        decisionError,
        h(
          'div',
          { class: 'toolbar' },
          h('button', { type: 'button', class: 'primary', 'data-testid': 'confirm', i18n: 'alert.confirm', onclick: () => void decide('confirm') }),
          h('button', { type: 'button', class: 'danger', 'data-testid': 'dismiss', i18n: 'alert.dismiss', onclick: () => void decide('dismiss') }),
          h('button', { type: 'button', 'data-testid': 'add-note', i18n: 'alert.note', onclick: () => void decide('note') }),
        ),
      )
    : null;

  main.append(
    h(
      'section',
      { class: 'page alert-page' },
      h('div', { class: 'toolbar' }, h('a', { href: '#/inspector', class: 'button', i18n: 'alert.back' }), h('h2', { i18n: 'alert.title' }),
        h('button', { type: 'button', 'data-testid': 'export-evidence', i18n: 'alert.exportEvidence', onclick: () => void downloadFile(`/api/alerts/${encodeURIComponent(alertId)}/evidence.json`, `seawarden-evidence-${alertId}.geojson`).catch((err) => ctx.notify(errorText(err), 'error')) }),
        h('button', { type: 'button', i18n: 'alert.report', onclick: () => void downloadFile(`/api/alerts/${encodeURIComponent(alertId)}/report.html`, `seawarden-report-${alertId}.html`).catch((err) => ctx.notify(errorText(err), 'error')) }),
      ),
      h(
        'div',
        { class: 'alert-grid' },
        h('div', {}, info, h('section', { class: 'card' }, h('h3', { i18n: 'replay.title' }), mapEl, h('div', { class: 'replay' }, playBtn, slider, speedSel, replayTime))),
        h('div', {}, actions, h('section', { class: 'card' }, h('h3', { i18n: 'alert.evidence' }), evidence), h('section', { class: 'card' }, h('h3', { i18n: 'alert.audit' }), audit, verifyBtn ? h('p', {}, verifyBtn, ' ', verifyOut) : null)),
      ),
    ),
  );

  /** The whole audit record recomputed on the server, against the anchors kept outside the database. */
  async function verifyAudit(): Promise<void> {
    verifyOut.textContent = '…';
    try {
      verified = await api.verifyAudit();
    } catch (err) {
      verifyOut.textContent = '';
      ctx.notify(errorText(err), 'error');
      return;
    }
    if (!destroyed) renderVerified();
  }

  function renderVerified(): void {
    if (!verified) return;
    const v = verified;
    verifyOut.className = v.ok ? 'audit-ok' : 'form-error';
    verifyOut.dataset.ok = String(v.ok);
    verifyOut.replaceChildren(
      v.ok
        ? `${t('alert.auditOk')} · ${t('alert.auditEvents')} ${v.count} · ${t('alert.auditAnchors')} ${v.anchors}` +
            (v.lastAnchorAt ? ` · ${t('alert.auditLastAnchor')} ${formatTime(v.lastAnchorAt)} (${t('alert.auditEvents')} ${v.lastAnchorEvents})` : '')
        : `${t('alert.auditBroken')}: `,
      v.ok ? '' : data(v.reason ?? ''),
    );
  }

  async function decide(kind: 'confirm' | 'dismiss' | 'note'): Promise<void> {
    const text = note.value.trim();
    decisionError.hidden = true;
    if ((kind === 'dismiss' && text.length < 3) || (kind === 'note' && text.length === 0)) {
      decisionError.dataset.i18n = 'alert.reasonRequired';
      decisionError.textContent = t('alert.reasonRequired');
      decisionError.hidden = false;
      note.focus();
      return;
    }
    try {
      if (kind === 'confirm') await api.confirm(alertId, text || undefined);
      else if (kind === 'dismiss') await api.dismiss(alertId, text);
      else await api.note(alertId, text);
      note.value = '';
      ctx.notify(t('alert.done'));
      await load();
    } catch (err) {
      ctx.notify(errorText(err), 'error');
    }
  }

  function trackBounds(): [number, number] {
    const a = detail!.alert;
    const from = Date.parse(a.openedAt) - TRACK_MARGIN_MS;
    // An open alert's last update is the latest evidence time (data time, not the wall clock).
    const to = Date.parse(a.closedAt ?? a.updatedAt) + TRACK_MARGIN_MS;
    return [from, to];
  }

  function sliderTime(): number {
    const [from, to] = track.length ? [Date.parse(track[0]!.t), Date.parse(track[track.length - 1]!.t)] : trackBounds();
    return from + ((to - from) * Number(slider.value)) / 1000;
  }

  function paintReplay(): void {
    const at = sliderTime();
    replayTime.textContent = track.length ? formatTime(at, { seconds: true }) : t('replay.noTrack');
    sea?.setReplayCursor(positionAt(track, at));
  }

  function setPlaying(p: boolean): void {
    playing = p;
    playBtn.dataset.i18n = p ? 'replay.pause' : 'replay.play';
    playBtn.textContent = t(p ? 'replay.pause' : 'replay.play');
    clearInterval(timer);
    if (!p || track.length < 2) return;
    const span = Date.parse(track[track.length - 1]!.t) - Date.parse(track[0]!.t) || 1;
    const tickMs = 100;
    timer = window.setInterval(() => {
      // `speed` seconds of track per second of wall time.
      const step = ((speed * tickMs) / span) * 1000;
      const v = Number(slider.value) + step;
      slider.value = String(Math.min(1000, v));
      paintReplay();
      if (v >= 1000) setPlaying(false);
    }, tickMs);
  }

  playBtn.addEventListener('click', () => {
    if (!playing && Number(slider.value) >= 1000) slider.value = '0';
    setPlaying(!playing);
  });
  slider.addEventListener('input', paintReplay);
  speedSel.addEventListener('change', () => (speed = Number(speedSel.value)));

  function renderInfo(): void {
    if (!detail) return;
    const a = detail.alert;
    const status = a.status ?? 'open';
    const dl = h(
      'dl',
      { class: 'kv' },
      h('dt', { i18n: 'alert.rule' }), h('dd', { i18n: `rule.${a.rule}` }),
      h('dt', { i18n: 'severity.label' }), h('dd', {}, h('span', { class: `sev sev-${a.severity}`, i18n: `severity.${a.severity}` })),
      h('dt', { i18n: 'status.label' }), h('dd', { 'data-testid': 'alert-status' }, h('span', { class: `status status-${status}`, i18n: `status.${status}` })),
      h('dt', { i18n: 'alert.vessel' }), h('dd', {}, data(a.vesselName), ' ', data(a.mmsi)),
      h('dt', { i18n: 'alert.zone' }), h('dd', { translate: 'no' }, zoneName(zones, a.zoneId)),
      h('dt', { i18n: 'alert.openedAt' }), h('dd', {}, formatTime(a.openedAt)),
      h('dt', { i18n: 'alert.updatedAt' }), h('dd', {}, formatTime(a.updatedAt)),
      h('dt', { i18n: 'alert.closedAt' }), h('dd', {}, a.closedAt ? formatTime(a.closedAt) : h('span', { i18n: 'alert.active' })),
      h('dt', { i18n: 'alert.reasons' }), h('dd', {}, pick(a.reason)),
    );
    info.replaceChildren(h('section', { class: 'card' }, dl));
    evidence.replaceChildren(
      ...a.evidence.map((ev) =>
        h('li', {}, h('time', { datetime: ev.at }, formatTime(ev.at, { seconds: true })), ' ', h('span', {}, pick(ev.reason)),
          ev.lat !== undefined && ev.lon !== undefined ? h('button', { type: 'button', class: 'link', onclick: () => { sea?.flyTo(ev.lon!, ev.lat!); slider.value = String(sliderFor(Date.parse(ev.at))); paintReplay(); } }, data(`${ev.lat.toFixed(4)}, ${ev.lon.toFixed(4)}`)) : null),
      ),
    );
    if (a.evidence.length === 0) evidence.replaceChildren(h('li', { i18n: 'common.none' }));
    audit.replaceChildren(...detail.audit.map(auditItem));
  }

  function sliderFor(ms: number): number {
    if (track.length < 2) return 0;
    const from = Date.parse(track[0]!.t);
    const to = Date.parse(track[track.length - 1]!.t);
    return Math.max(0, Math.min(1000, ((ms - from) / (to - from || 1)) * 1000));
  }

  function auditItem(e: AlertAuditEvent): HTMLElement {
    return h(
      'li',
      { 'data-action': e.action },
      h('time', { datetime: e.at }, formatTime(e.at, { seconds: true })),
      ' ',
      h('strong', { i18n: `audit.${e.action}` }),
      ' ',
      data(e.actor),
      e.note ? h('blockquote', { translate: 'no' }, e.note) : null,
    );
  }

  async function load(): Promise<void> {
    try {
      detail = await api.alert(alertId);
    } catch (err) {
      ctx.notify(errorText(err), 'error');
      return;
    }
    if (destroyed) return;
    renderInfo();
  }

  const onAlert = (a: { id: string }) => {
    if (a.id === alertId) void load();
  };
  ctx.live.socket.on('alert', onAlert);
  const offLang = onLangChange(() => {
    renderInfo();
    renderVerified();
    paintReplay();
  });

  void (async () => {
    [zones] = await Promise.all([ctx.zones(), load()]);
    const d = detail as AlertDetail | null;
    if (destroyed || !d) return;
    renderInfo();
    const [from, to] = trackBounds();
    const [tr, m] = await Promise.all([
      api.track(d.alert.mmsi, new Date(from).toISOString(), new Date(to).toISOString()).catch(() => null),
      SeaMap.create(mapEl, ctx.config),
    ]);
    if (destroyed) {
      m.destroy();
      return;
    }
    sea = m;
    track = tr?.points ?? [];
    if (zones) m.setZones(zones);
    m.highlightZone(d.alert.zoneId);
    m.setTrack(track);
    const pts = track.length ? track : d.alert.position ? [d.alert.position] : [];
    m.fitPoints(pts);
    slider.value = String(sliderFor(Date.parse(d.alert.openedAt)));
    paintReplay();
    applyI18n(main);
    mapEl.dataset.ready = '1';
  })();

  return () => {
    destroyed = true;
    clearInterval(timer);
    ctx.live.socket.off('alert', onAlert);
    offLang();
    sea?.destroy();
  };
}
