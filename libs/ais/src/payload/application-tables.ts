/**
 * Binary application messages carried by types 6 (addressed) and 8 (broadcast), keyed by DAC/FI.
 * Offsets are relative to the start of the application data (bit 88 in type 6, 56 in type 8).
 */
import { bool, int, lat, lon, spare, text, uint, type DerivedField, type FieldSpec } from './field-table.js';

export interface ApplicationTable {
  id: string;
  /** Application data shorter than this is not this layout (kept as raw `data`). */
  minBits: number;
  /** Longer application data is not this layout either (e.g. 8/1/16 VTS targets of 240 bits). */
  maxBits: number;
  fields: readonly FieldSpec[];
  derived?: readonly DerivedField[];
}

/**
 * Persons on board, 13 bits, 0 = not available, 8191 = 8191 or more. Same layout in type 8 DAC 1
 * FI 16 (IMO SN.1/Circ.289), type 6 DAC 1 FI 16 (SN/Circ.236, addressed) and type 6 DAC 1 FI 40.
 * gpsd 3.22 reads this count 33 bits too early in type 6 (42 → 6839); we follow the circulars.
 */
export const PERSONS_ON_BOARD: ApplicationTable = {
  id: 'persons-on-board',
  minBits: 13,
  maxBits: 48,
  fields: [uint('personsOnBoard', 0, 13, { na: 0 }), spare(13, 3)],
};

const sumKnown = (...vs: unknown[]): number | null => {
  let sum: number | null = null;
  for (const v of vs) if (typeof v === 'number') sum = (sum ?? 0) + v;
  return sum;
};

/** DAC 200 FI 55, inland persons on board (CCNR/ERI): crew, passengers, shipboard personnel. */
export const INLAND_PERSONS_ON_BOARD: ApplicationTable = {
  id: 'inland-persons-on-board',
  minBits: 29,
  maxBits: 80,
  fields: [
    uint('crew', 0, 8, { na: 255 }),
    uint('passengers', 8, 13, { na: 8191 }),
    uint('personnel', 21, 8, { na: 255 }),
    spare(29, 51),
  ],
  derived: [{ name: 'personsOnBoard', derive: (m) => sumKnown(m.crew, m.passengers, m.personnel) }],
};

/**
 * DAC 200 FI 10, inland ship static and voyage related data. `eriShipType` is the ERI code
 * (8000..8510), kept apart from the AIS `shipType` it maps to.
 */
export const INLAND_STATIC_VOYAGE: ApplicationTable = {
  id: 'inland-static-voyage',
  minBits: 104,
  maxBits: 112,
  fields: [
    text('eni', 0, 48),
    uint('length', 48, 13, { div: 10, na: 0 }),
    uint('beam', 61, 10, { div: 10, na: 0 }),
    uint('eriShipType', 71, 14, { na: 0 }),
    uint('hazard', 85, 3),
    uint('draught', 88, 11, { div: 100, na: 0 }),
    uint('loaded', 99, 2),
    bool('speedQuality', 101),
    bool('courseQuality', 102),
    bool('headingQuality', 103),
    spare(104, 8),
  ],
};

const CURRENTS_AND_WAVES = (at: number, depthNa: number, dirNa: number): FieldSpec[] => [
  uint('currentSpeed2', at, 8, { div: 10, na: 255 }),
  uint('currentDirection2', at + 8, 9, { na: dirNa }),
  uint('currentDepth2', at + 17, 5, { na: depthNa }),
  uint('currentSpeed3', at + 22, 8, { div: 10, na: 255 }),
  uint('currentDirection3', at + 30, 9, { na: dirNa }),
  uint('currentDepth3', at + 39, 5, { na: depthNa }),
  uint('waveHeight', at + 44, 8, { div: 10, na: 255 }),
  uint('wavePeriod', at + 52, 6, { na: 63 }),
  uint('waveDirection', at + 58, 9, { na: dirNa }),
  uint('swellHeight', at + 67, 8, { div: 10, na: 255 }),
  uint('swellPeriod', at + 75, 6, { na: 63 }),
  uint('swellDirection', at + 81, 9, { na: dirNa }),
];

/** DAC 1 FI 11, meteorological and hydrographic data (IMO SN/Circ.236): position in 1/1000 minute. */
export const MET_HYDRO_236: ApplicationTable = {
  id: 'met-hydro-236',
  minBits: 49,
  maxBits: 320,
  fields: [
    lat('lat', 0, 24, 1000),
    lon('lon', 24, 25, 1000),
    uint('day', 49, 5, { na: 0 }),
    uint('hour', 54, 5, { na: 24 }),
    uint('minute', 59, 6, { na: 60 }),
    uint('windSpeed', 65, 7, { na: 127 }),
    uint('windGust', 72, 7, { na: 127 }),
    uint('windDirection', 79, 9, { na: 511 }),
    uint('windGustDirection', 88, 9, { na: 511 }),
    uint('airTemperature', 97, 11, { div: 10, offset: -60, na: 2047 }),
    uint('relativeHumidity', 108, 7, { na: 127 }),
    uint('dewPoint', 115, 10, { div: 10, offset: -20, na: 1023 }),
    uint('airPressure', 125, 9, { offset: 800, na: 511 }),
    uint('airPressureTendency', 134, 2, { na: 3 }),
    uint('horizontalVisibility', 136, 8, { div: 10, na: 255 }),
    uint('waterLevel', 144, 9, { div: 10, offset: -10, na: 511 }),
    uint('waterLevelTrend', 153, 2, { na: 3 }),
    uint('surfaceCurrentSpeed', 155, 8, { div: 10, na: 255 }),
    uint('surfaceCurrentDirection', 163, 9, { na: 511 }),
    ...CURRENTS_AND_WAVES(172, 31, 511),
    uint('seaState', 262, 4, { na: 15 }),
    uint('waterTemperature', 266, 10, { div: 10, offset: -10, na: 1023 }),
    uint('precipitationType', 276, 3, { na: 7 }),
    uint('salinity', 279, 9, { div: 10, na: 511 }),
    uint('ice', 288, 2, { na: 3 }),
    spare(290, 6),
  ],
};

/** DAC 1 FI 31, meteorological and hydrographic data (IMO SN.1/Circ.289): position in 1/1000 minute. */
export const MET_HYDRO_289: ApplicationTable = {
  id: 'met-hydro-289',
  minBits: 49,
  maxBits: 330,
  fields: [
    lon('lon', 0, 25, 1000),
    lat('lat', 25, 24, 1000),
    bool('accuracy', 49),
    uint('day', 50, 5, { na: 0 }),
    uint('hour', 55, 5, { na: 24 }),
    uint('minute', 60, 6, { na: 60 }),
    uint('windSpeed', 66, 7, { na: 127 }),
    uint('windGust', 73, 7, { na: 127 }),
    uint('windDirection', 80, 9, { na: 360 }),
    uint('windGustDirection', 89, 9, { na: 360 }),
    int('airTemperature', 98, 11, { div: 10, na: -1024 }),
    uint('relativeHumidity', 109, 7, { na: 101 }),
    int('dewPoint', 116, 10, { div: 10, na: 501 }),
    uint('airPressure', 126, 9, { offset: 799, na: 511 }),
    uint('airPressureTendency', 135, 2, { na: 3 }),
    bool('visibilityGreater', 137),
    uint('horizontalVisibility', 138, 7, { div: 10, na: 127 }),
    uint('waterLevel', 145, 12, { div: 100, offset: -10, na: 4001 }),
    uint('waterLevelTrend', 157, 2, { na: 3 }),
    uint('surfaceCurrentSpeed', 159, 8, { div: 10, na: 255 }),
    uint('surfaceCurrentDirection', 167, 9, { na: 360 }),
    ...CURRENTS_AND_WAVES(176, 31, 360),
    uint('seaState', 266, 4, { na: 13 }),
    int('waterTemperature', 270, 10, { div: 10, na: 501 }),
    uint('precipitationType', 280, 3, { na: 7 }),
    uint('salinity', 283, 9, { div: 10, na: 510 }),
    uint('ice', 292, 2, { na: 3 }),
    spare(294, 10),
  ],
};

/** DAC 1 FI 18, clearance time to enter port (IMO SN.1/Circ.289, addressed). */
export const CLEARANCE_TIME: ApplicationTable = {
  id: 'clearance-time',
  minBits: 30,
  maxBits: 272,
  fields: [
    uint('linkage', 0, 10),
    uint('month', 10, 4, { na: 0 }),
    uint('day', 14, 5, { na: 0 }),
    uint('hour', 19, 5, { na: 24 }),
    uint('minute', 24, 6, { na: 60 }),
    text('portName', 30, 120),
    text('destination', 150, 30),
    lon('lon', 180, 25, 1000),
    lat('lat', 205, 24, 1000),
    spare(229, 43),
  ],
};

/** (message type, dac, fid) → layout. */
export const APPLICATION_TABLES: ReadonlyMap<string, ApplicationTable> = new Map([
  ['8/1/16', PERSONS_ON_BOARD],
  ['6/1/16', PERSONS_ON_BOARD],
  ['6/1/40', PERSONS_ON_BOARD],
  ['6/200/55', INLAND_PERSONS_ON_BOARD],
  ['8/200/55', INLAND_PERSONS_ON_BOARD],
  ['8/200/10', INLAND_STATIC_VOYAGE],
  ['8/1/11', MET_HYDRO_236],
  ['8/1/31', MET_HYDRO_289],
  ['6/1/18', CLEARANCE_TIME],
]);
