/**
 * Binary application messages carried by types 6 (addressed) and 8 (broadcast), keyed by DAC/FI.
 * Offsets are relative to the start of the application data (bit 88 in type 6, 56 in type 8).
 */
import { bool, spare, text, uint, type DerivedField, type FieldSpec } from './field-table.js';

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
  fields: [uint('personsOnBoard', 0, 13, { na: 0 })],
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

/** (message type, dac, fid) → layout. */
export const APPLICATION_TABLES: ReadonlyMap<string, ApplicationTable> = new Map([
  ['8/1/16', PERSONS_ON_BOARD],
  ['6/1/16', PERSONS_ON_BOARD],
  ['6/1/40', PERSONS_ON_BOARD],
  ['6/200/55', INLAND_PERSONS_ON_BOARD],
  ['8/200/55', INLAND_PERSONS_ON_BOARD],
  ['8/200/10', INLAND_STATIC_VOYAGE],
]);
