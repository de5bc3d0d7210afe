import type { VesselCategory } from '@seawarden/contracts';
import { GEARS, isGear } from '../calendars/gears.js';
import { RegistryFileError } from '../errors.js';
import { parseCsv } from './csv.js';
import { Registry, type RegistryEntry } from './registry.js';

export const REGISTRY_COLUMNS = ['mmsi', 'name', 'category', 'gear', 'licensedPassengers', 'homePort', 'notes'] as const;
const CATEGORIES: readonly VesselCategory[] = ['fishing', 'passenger', 'leisure', 'cargo', 'tanker', 'service', 'other'];
const SPECIAL_LICENCE = /special[ _-]?licen[cs]e|专项/i;

/** Parses the registry CSV (`mmsi,name,category,gear,licensedPassengers,homePort,notes`, any column order). */
export function loadRegistry(csv: string): Registry {
  const { records, error } = parseCsv(csv);
  if (error) throw new RegistryFileError(error.line, error.reason);
  const rows = records.filter((r) => !(r.fields.length === 1 && r.fields[0].trim() === '') && !r.fields[0].startsWith('#'));
  if (rows.length === 0) throw new RegistryFileError(1, `empty file: expected the header ${REGISTRY_COLUMNS.join(',')}`);
  const header = rows[0].fields.map((h) => h.trim());
  const col = new Map(header.map((h, i) => [h, i]));
  const missing = REGISTRY_COLUMNS.filter((c) => !col.has(c));
  if (missing.length) throw new RegistryFileError(rows[0].line, `header lacks column(s) ${missing.join(', ')}; expected ${REGISTRY_COLUMNS.join(',')}`);
  const entries: RegistryEntry[] = [];
  const seen = new Map<number, number>();
  for (const r of rows.slice(1)) {
    const fail = (reason: string): never => {
      throw new RegistryFileError(r.line, reason);
    };
    if (r.fields.length !== header.length) fail(`has ${r.fields.length} fields, the header has ${header.length}`);
    const get = (c: (typeof REGISTRY_COLUMNS)[number]) => r.fields[col.get(c)!].trim();
    const mmsiText = get('mmsi');
    if (!/^\d{9}$/.test(mmsiText)) fail(`mmsi '${mmsiText}' is not 9 digits`);
    const mmsi = Number(mmsiText);
    const prev = seen.get(mmsi);
    if (prev !== undefined) fail(`duplicate mmsi ${mmsi} (also line ${prev})`);
    seen.set(mmsi, r.line);
    const category = get('category') as VesselCategory;
    if (!CATEGORIES.includes(category)) fail(`category '${category}' is not one of ${CATEGORIES.join(', ')}`);
    const gearText = get('gear');
    if (gearText && !isGear(gearText)) fail(`gear '${gearText}' is not one of ${GEARS.join(', ')}`);
    const lpText = get('licensedPassengers');
    if (lpText && !/^\d+$/.test(lpText)) fail(`licensedPassengers '${lpText}' is not a whole number`);
    const notes = get('notes');
    entries.push({
      mmsi,
      name: get('name'),
      category,
      gear: gearText ? (gearText as RegistryEntry['gear']) : null,
      licensedPassengers: lpText ? Number(lpText) : null,
      homePort: get('homePort'),
      notes,
      specialLicence: SPECIAL_LICENCE.test(notes),
    });
  }
  return new Registry(entries);
}
