// Map benchmark page (scripts/bench-web.mjs drives it): vessels arrive over socket.io as the
// console sends them; measures delta → map idle, and frame rate while panning.
// ?n=<vessels>&mode=layer|arrows|circle|dom  (layer = the console as shipped: arrows, dots above
// SeaMap.denseAbove vessels in view; arrows = rotated icons forced at any count; circle = plain
// dots forced; dom = one HTML marker per vessel, the naive peer).
import { io } from 'socket.io-client';
import type { CompactVesselDelta } from '@seawarden/contracts';
import * as maplibregl from 'maplibre-gl';
import { applyDelta, toFeatureCollection, type LiveVessel } from '../src/live/vessel-store.js';
import { SeaMap } from '../src/map/sea-map.js';

interface BenchResult {
  n: number;
  mode: string;
  updates: number[];
  /** Main-thread JS per update: applying the delta and building the GeoJSON (no map work). */
  prep: number[];
  panFps: number;
  panFrames: number;
}

declare global {
  interface Window {
    __bench?: BenchResult;
    __benchError?: string;
  }
}

const params = new URLSearchParams(location.search);
const n = Number(params.get('n') ?? 20000);
const mode = params.get('mode') ?? 'layer';
const UPDATES = Number(params.get('updates') ?? 8);

async function run(): Promise<void> {
  const sea = await SeaMap.create(document.getElementById('map')!, {});
  sea.map.jumpTo({ center: [122.3, 29.95], zoom: 9 });
  await new Promise<void>((resolve) => sea.map.once('idle', () => resolve()));
  if (mode === 'arrows') sea.denseAbove = Infinity;
  if (mode === 'circle') sea.denseAbove = -1;
  const vessels = new Map<number, LiveVessel>();
  const markers = new Map<number, maplibregl.Marker>();
  const updates: number[] = [];
  const prep: number[] = [];
  const socket = io('/live', { transports: ['websocket'] });

  const idle = () => new Promise<void>((resolve) => sea.map.once('idle', () => resolve()));
  let pending: Promise<void> = Promise.resolve();
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));

  // The server sends the next update only after 'bench:next', so each figure is one update's
  // own cost, not time spent queued behind the previous one.
  socket.on('vessels:compact', (d: CompactVesselDelta) => {
    const t0 = performance.now();
    pending = pending.then(async () => {
      const p0 = performance.now();
      applyDelta(vessels, d);
      if (mode !== 'dom') toFeatureCollection(vessels);
      if (!d.full) prep.push(performance.now() - p0);
      if (mode === 'dom') {
        for (const v of vessels.values()) {
          let m = markers.get(v.mmsi);
          if (!m) {
            const el = document.createElement('div');
            el.style.cssText = 'width:10px;height:10px;background:#ffb74d;clip-path:polygon(50% 0,100% 100%,50% 80%,0 100%)';
            m = new maplibregl.Marker({ element: el, rotationAlignment: 'map' }).setLngLat([v.lon!, v.lat!]).addTo(sea.map);
            markers.set(v.mmsi, m);
          }
          m.setLngLat([v.lon!, v.lat!]).setRotation(v.heading ?? 0);
        }
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      } else {
        const wait = idle();
        sea.setVessels(vessels);
        await wait;
      }
      if (!d.full) updates.push(performance.now() - t0);
      if (updates.length >= UPDATES) {
        socket.disconnect();
        done();
      } else socket.emit('bench:next' as never);
    });
  });
  socket.emit('vessels:subscribe', { west: 121, south: 29, east: 124, north: 31, compact: true, n } as never);
  await finished;
  await pending;

  // Pan for 3 s with a frame counter.
  let frames = 0;
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const step = () => {
      frames++;
      sea.map.panBy([6, 3], { duration: 0 });
      if (performance.now() - start < 3000) requestAnimationFrame(step);
      else resolve();
    };
    requestAnimationFrame(step);
  });
  const secs = (performance.now() - start) / 1000;
  window.__bench = { n, mode, updates, prep, panFps: frames / secs, panFrames: frames };
}

run().catch((err: unknown) => {
  window.__benchError = err instanceof Error ? `${err.message}\n${err.stack}` : String(err);
});
