import type { VesselDef } from './vessel.js';

/** The fix as the transponder reports it (after sensor noise). */
export interface Fix {
  lat: number;
  lon: number;
  sog: number;
  cog: number | null;
  heading: number | null;
  navStatus: number;
  second: number;
}

const dims = (v: VesselDef) => {
  const toBow = Math.round(v.length * 0.6);
  const toPort = Math.round(v.beam / 2);
  return { toBow, toStern: v.length - toBow, toPort, toStarboard: Math.max(0, Math.round(v.beam) - toPort) };
};

/** Type 1 (Class A) or 18 (Class B) position report, fields named as libs/ais decodes them. */
export function positionReport(v: VesselDef, f: Fix): Record<string, unknown> {
  if (v.aisClass === 'A') {
    return {
      type: 1, repeat: 0, mmsi: v.mmsi, navStatus: f.navStatus, rot: 0, sog: f.sog, accuracy: true,
      lon: f.lon, lat: f.lat, cog: f.cog, heading: f.heading, second: f.second, maneuver: 0, raim: false, radio: 0,
    };
  }
  return {
    type: 18, repeat: 0, mmsi: v.mmsi, reserved: 0, sog: f.sog, accuracy: false, lon: f.lon, lat: f.lat,
    cog: f.cog, heading: f.heading, second: f.second, regional: 0, cs: true, display: false, dsc: true,
    band: true, msg22: true, assigned: false, raim: false, radio: 0,
  };
}

/** Static data: one type 5 for Class A; type 24 parts A and B for Class B. */
export function staticReports(v: VesselDef): Record<string, unknown>[] {
  if (v.aisClass === 'A') {
    return [
      {
        type: 5, repeat: 0, mmsi: v.mmsi, aisVersion: 2, imo: v.imo, callsign: v.callsign, name: v.name, shipType: v.shipType,
        ...dims(v), epfd: 1, etaMonth: null, etaDay: null, etaHour: null, etaMinute: null, draught: v.draught,
        destination: v.destination, dte: false,
      },
    ];
  }
  return [
    { type: 24, repeat: 0, mmsi: v.mmsi, partNo: 0, name: v.name },
    {
      type: 24, repeat: 0, mmsi: v.mmsi, partNo: 1, shipType: v.shipType, vendorId: 'SRT', model: 1,
      serial: v.mmsi % 1_000_000, callsign: v.callsign, ...dims(v), epfd: 1,
    },
  ];
}


/** Persons on board, type 8 DAC 1 FI 16 (IMO SN.1/Circ.289): what a Class A ferry may broadcast. */
export function personsOnBoardReport(v: VesselDef, persons: number): Record<string, unknown> {
  return { type: 8, repeat: 0, mmsi: v.mmsi, dac: 1, fid: 16, personsOnBoard: persons };
}
