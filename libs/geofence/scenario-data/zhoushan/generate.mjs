// Generates zones.geojson and land.geojson beside this file: `node generate.mjs .`
// Outlines are rough estimates from DOMAIN.md's coordinates; check against a chart before relying on them.
import { writeFileSync } from 'node:fs';
const out = process.argv[2];
const R = 6371008.8, RAD = Math.PI / 180;
const close = (ring) => { const r = ring.map(([lon, lat]) => [+lon.toFixed(5), +lat.toFixed(5)]); r.push(r[0]); return r; };
// ring given as [lat, lon] pairs for readability
const ll = (pairs) => pairs.map(([lat, lon]) => [lon, lat]);
function buffer(ringLonLat, metres) {
  const n = ringLonLat.length;
  const cx = ringLonLat.reduce((s, p) => s + p[0], 0) / n, cy = ringLonLat.reduce((s, p) => s + p[1], 0) / n;
  return ringLonLat.map(([lon, lat]) => {
    const dx = (lon - cx) * Math.cos(cy * RAD) * R * RAD, dy = (lat - cy) * R * RAD;
    const d = Math.hypot(dx, dy), k = (d + metres) / d;
    return [cx + (lon - cx) * k, cy + (lat - cy) * k];
  });
}
function circle(lat, lon, radiusM, n = 16) {
  const pts = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    pts.push([lon + (radiusM * Math.sin(a)) / (R * RAD * Math.cos(lat * RAD)), lat + (radiusM * Math.cos(a)) / (R * RAD)]);
  }
  return pts;
}
const rect = (s, w, n, e) => [[w, s], [e, s], [e, n], [w, n]];
// ---- land (rough outlines, estimates) ----
const land = {
  zhoushan: ll([[30.05, 121.95], [30.0, 122.02], [30.005, 122.10], [29.99, 122.16], [29.965, 122.22], [29.9495, 122.26], [29.948, 122.29], [29.950, 122.31], [29.953, 122.317], [29.962, 122.3195], [29.975, 122.31], [29.99, 122.30], [30.03, 122.27], [30.08, 122.22], [30.12, 122.15], [30.14, 122.05], [30.11, 121.97]]),
  lujiazhi: ll([[29.9405, 122.275], [29.9415, 122.30], [29.939, 122.318], [29.932, 122.322], [29.926, 122.30], [29.930, 122.28]]),
  zhujiajian: ll([[29.948, 122.385], [29.942, 122.366], [29.94, 122.36], [29.93, 122.352], [29.915, 122.348], [29.895, 122.345], [29.875, 122.352], [29.855, 122.36], [29.835, 122.375], [29.828, 122.395], [29.835, 122.41], [29.85, 122.425], [29.87, 122.435], [29.89, 122.44], [29.91, 122.437], [29.925, 122.425], [29.935, 122.41], [29.945, 122.395]]),
  putuoshan: ll([[29.972, 122.39], [29.976, 122.383], [29.985, 122.372], [29.998, 122.365], [30.012, 122.362], [30.027, 122.367], [30.037, 122.378], [30.040, 122.392], [30.033, 122.405], [30.02, 122.413], [30.005, 122.416], [29.99, 122.41], [29.978, 122.398]]),
  dengbu: ll([[29.90, 122.27], [29.905, 122.29], [29.90, 122.31], [29.888, 122.322], [29.872, 122.315], [29.866, 122.295], [29.87, 122.275], [29.885, 122.266]]),
  taohua: ll([[29.85, 122.22], [29.862, 122.25], [29.858, 122.28], [29.845, 122.305], [29.82, 122.31], [29.795, 122.30], [29.775, 122.275], [29.772, 122.245], [29.785, 122.225], [29.81, 122.215], [29.83, 122.215]]),
  xiazhi: ll([[29.762, 122.24], [29.765, 122.27], [29.755, 122.29], [29.735, 122.285], [29.725, 122.255], [29.74, 122.235]]),
  liuheng: ll([[29.77, 122.08], [29.785, 122.12], [29.78, 122.16], [29.765, 122.19], [29.74, 122.20], [29.71, 122.19], [29.69, 122.16], [29.685, 122.12], [29.70, 122.09], [29.73, 122.07]]),
};
const landNames = {
  zhoushan: ['舟山本岛', 'Zhoushan Island'], lujiazhi: ['鲁家峙', 'Lujiazhi'], zhujiajian: ['朱家尖', 'Zhujiajian'], putuoshan: ['普陀山', 'Putuo Shan'],
  dengbu: ['登步岛', 'Dengbu'], taohua: ['桃花岛', 'Taohua'], xiazhi: ['虾峙岛', 'Xiazhi'], liuheng: ['六横岛', 'Liuheng'],
};
const fc = (fs) => '{"type":"FeatureCollection","features":[\n' + fs.map((f) => JSON.stringify(f)).join(',\n') + '\n]}\n';
const feat = (props, ring) => ({ type: 'Feature', properties: props, geometry: { type: 'Polygon', coordinates: [close(ring)] } });
const name = (zh, en) => ({ zh, en });
const features = [];
// fishing ban: 26.5N–35N, east edge 125E, west by a rough coast line (north to south)
const coast = [[35.0, 119.4], [34.5, 119.8], [34.0, 120.3], [33.0, 120.8], [32.0, 121.4], [31.7, 121.9], [31.0, 121.9], [30.8, 121.5], [30.35, 121.0], [30.05, 121.55], [29.9, 121.85], [29.5, 121.9], [29.0, 121.6], [28.5, 121.6], [28.0, 121.2], [27.5, 120.8], [27.0, 120.5], [26.5, 120.1]];
features.push(feat({ id: 'ban-ecs-26n30-35n', name: name('东海伏季休渔区（北纬26度30分至35度）', 'East China Sea summer moratorium (26°30′N–35°N)'), kind: 'fishing_ban', calendar: 'moratorium-35n-26n30', eastEdgeLon: 125, estimate: true, note: 'latitude band from the 2023 circular; east edge (125°E) and west coast line are estimates' },
  [[125, 26.5], [125, 35.0], ...ll(coast)]));
// ports, terminals (water areas at the quays)
features.push(feat({ id: 'port-shenjiamen', name: name('沈家门渔港', 'Shenjiamen fishing port'), kind: 'port', office: 'shenjiamen' }, ll([[29.9411, 122.262], [29.9475, 122.262], [29.9478, 122.29], [29.9492, 122.31], [29.9515, 122.317], [29.946, 122.327], [29.938, 122.3215], [29.9407, 122.30]])));
features.push(feat({ id: 'port-donggang-marina', name: name('普陀东港游艇码头', 'Putuo Donggang marina'), kind: 'port', estimate: true }, rect(29.9615, 122.3198, 29.9685, 122.3275)));
features.push(feat({ id: 'port-liuheng-fishing', name: name('六横北岸渔港', 'Liuheng north fishing harbour'), kind: 'port', office: 'liuheng', estimate: true }, rect(29.7785, 122.095, 29.7835, 122.106)));
features.push(feat({ id: 'anchorage-xiazhimen', name: name('虾峙门口外锚地', 'Xiazhimen outer anchorage'), kind: 'anchorage', estimate: true }, rect(29.735, 122.355, 29.762, 122.405)));
features.push(feat({ id: 'port-beilun', name: name('宁波舟山港北仑港区', 'Ningbo-Zhoushan port, Beilun'), kind: 'port', estimate: true }, rect(29.905, 121.86, 29.935, 121.93)));
const terminals = [
  ['pt-putuoshan', '普陀山客运码头', 'Putuoshan passenger terminal', 29.9745, 122.3805, true],
  ['pt-wugongzhi', '朱家尖蜈蚣峙码头', 'Zhujiajian Wugongzhi wharf', 29.9505, 122.3855, true],
  ['pt-banshengdong', '半升洞码头', 'Banshengdong wharf', 29.9555, 122.3225, true],
  ['pt-shenjiamen', '沈家门客运码头', 'Shenjiamen passenger wharf', 29.9458, 122.3045, true],
  ['pt-taohua', '桃花岛客运码头', 'Taohua ferry wharf', 29.8605, 122.2405, true],
  ['pt-dengbu', '登步岛客运码头', 'Dengbu ferry wharf', 29.9072, 122.2905, true],
  ['pt-liuheng', '六横客运码头', 'Liuheng ferry wharf', 29.7745, 122.1765, true],
];
for (const [id, zh, en, lat, lon, est] of terminals) features.push(feat({ id, name: name(zh, en), kind: 'passenger_terminal', estimate: est }, circle(lat, lon, 300)));
const landings = [
  ['lp-putuo-west', '普陀山西岸登陆点', 'Putuo Shan west shore landing', 29.997, 122.3635],
  ['lp-putuo-qianbusha', '普陀山千步沙', 'Putuo Shan Qianbusha beach', 30.004, 122.4185],
  ['lp-zhujiajian-pier', '朱家尖蜈蚣峙渔埠', 'Zhujiajian Wugongzhi fishing pier', 29.9447, 122.366],
  ['lp-zhujiajian-nansha', '朱家尖南沙', 'Zhujiajian Nansha beach', 29.868, 122.437],
  ['lp-taohua-east', '桃花岛东岸埠头', 'Taohua east shore landing', 29.825, 122.3115],
  ['lp-dengbu-east', '登步岛东岸埠头', 'Dengbu east shore landing', 29.888, 122.3245],
  ['lp-liuheng-north', '六横岛北岸埠头', 'Liuheng north shore landing', 29.787, 122.12],
  ['lp-taohua-west', '桃花岛西岸埠头', 'Taohua west shore landing', 29.83, 122.2115],
];
for (const [id, zh, en, lat, lon] of landings) features.push(feat({ id, name: name(zh, en), kind: 'landing_point', estimate: true }, circle(lat, lon, 200)));
const scenic = [['scenic-putuoshan', 'putuoshan', '普陀山风景区', 'Putuo Shan scenic area', 900], ['scenic-zhujiajian', 'zhujiajian', '朱家尖风景区', 'Zhujiajian scenic area', 700], ['scenic-taohua', 'taohua', '桃花岛风景区', 'Taohua scenic area', 600], ['scenic-dengbu', 'dengbu', '登步岛', 'Dengbu island coast', 400], ['scenic-liuheng', 'liuheng', '六横岛', 'Liuheng island coast', 500]];
for (const [id, key, zh, en, m] of scenic) features.push(feat({ id, name: name(zh, en), kind: 'scenic_area', estimate: true }, buffer(land[key], m)));
features.push(feat({ id: 'restricted-zhujiajian-east', name: name('朱家尖东部军事禁区', 'Zhujiajian east military restricted area'), kind: 'restricted', exemptShipTypes: [51, 55], estimate: true }, rect(29.912, 122.445, 29.928, 122.462)));
features.push(feat({ id: 'speed-shenjiamen-harbour', name: name('沈家门港区限速10节', 'Shenjiamen harbour speed limit 10 kn'), kind: 'speed_limit', speedLimitKn: 10, estimate: true }, ll([[29.9405, 122.258], [29.948, 122.258], [29.9485, 122.29], [29.9495, 122.31], [29.952, 122.3175], [29.9465, 122.3285], [29.9375, 122.3225], [29.940, 122.30]])));
features.push(feat({ id: 'closure-typhoon-20260718', name: name('台风禁航：普陀山、朱家尖以东海域', 'Typhoon sailing ban: waters east of Putuo Shan and Zhujiajian'), kind: 'temporary_closure', validFrom: '2026-07-18T12:00:00+08:00', validTo: '2026-07-19T06:00:00+08:00', exemptShipTypes: [51, 55], estimate: true, note: 'example closure: the window is the scenario\'s, not a real notice' }, rect(29.90, 122.47, 30.10, 122.62)));
features.push(feat({ id: 'jur-shenjiamen', name: name('沈家门海事处辖区', 'Shenjiamen port office waters'), kind: 'jurisdiction', office: 'shenjiamen', estimate: true }, rect(29.80, 122.10, 30.10, 122.335)));
features.push(feat({ id: 'jur-zhujiajian', name: name('朱家尖海事处辖区', 'Zhujiajian port office waters'), kind: 'jurisdiction', office: 'zhujiajian', estimate: true }, rect(29.70, 122.335, 30.10, 122.65)));
features.push(feat({ id: 'jur-liuheng', name: name('六横海事处辖区', 'Liuheng port office waters'), kind: 'jurisdiction', office: 'liuheng', estimate: true }, rect(29.60, 121.98, 29.80, 122.335)));
writeFileSync(`${out}/zones.geojson`, fc(features));
const landFc = { type: 'FeatureCollection', features: Object.entries(land).map(([k, r]) => feat({ id: `land-${k}`, name: name(...landNames[k]), estimate: true }, r)) };
writeFileSync(`${out}/land.geojson`, fc(landFc.features));
console.log(features.length, 'zones');
