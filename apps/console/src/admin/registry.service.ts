import { loadRegistry } from '@seawarden/geofence';
import type { Registry, RegistryEntry } from '@seawarden/geofence';
import { badRequest } from '../common/api-error.js';
import type { RegistryRow } from '@seawarden/store';
import type { ConsoleDeps } from '../console.deps.js';
import { csvRecords } from './csv-records.js';

export interface RegistryEntryDto {
  mmsi: number;
  name: string | null;
  category: string | null;
  gear: string | null;
  licensedPassengers: number | null;
  homePort: string | null;
  notes: string | null;
}

export interface ImportReport {
  imported: number;
  rejected: number;
  errors: { row: number; line: number; field?: string; message: string }[];
}

const toDto = (r: RegistryRow): RegistryEntryDto => ({
  mmsi: r.mmsi, name: r.name, category: r.category, gear: r.gear,
  licensedPassengers: r.licensed_passengers, homePort: r.home_port, notes: r.notes,
});

const FIELD_IN_REASON = /\b(mmsi|name|category|gear|licensedPassengers|homePort|notes)\b/;

/** The vessel registry (store table `registry`): list, lookup, CSV import with a per-row report. */
export class RegistryService {
  constructor(private readonly deps: ConsoleDeps) {}

  async get(mmsi: number): Promise<RegistryEntryDto | null> {
    try {
      const row = await this.deps.store.registry.get(mmsi);
      return row ? toDto(row) : null;
    } catch {
      return null;
    }
  }

  async list(q: string | undefined, limit: number, offset: number): Promise<{ items: RegistryEntryDto[]; total: number }> {
    const { rows, total } = await this.deps.store.registry.search(q ?? null, limit, offset);
    return { items: rows.map(toDto), total };
  }

  /** Validates each data row with the engine's registry loader; imports the valid ones. */
  async import(csv: string, mode: 'merge' | 'replace'): Promise<ImportReport> {
    const records = csvRecords(csv);
    if (records.length === 0) throw badRequest('body: empty CSV; expected the header mmsi,name,category,gear,licensedPassengers,homePort,notes', 'body');
    const header = records[0]!;
    try {
      loadRegistry(header.text);
    } catch (err) {
      throw badRequest(`header: ${(err as any).reason ?? (err as Error).message}`, 'header');
    }
    const errors: ImportReport['errors'] = [];
    const valid: RegistryEntry[] = [];
    const seen = new Map<number, number>();
    records.slice(1).forEach((rec, i) => {
      const row = i + 1;
      try {
        const reg = loadRegistry(`${header.text}\n${rec.text}`);
        const entry = entriesOf(reg)[0];
        if (!entry) return;
        const prev = seen.get(entry.mmsi);
        if (prev !== undefined) throw Object.assign(new Error(`duplicate mmsi ${entry.mmsi} (also row ${prev})`), { reason: `duplicate mmsi ${entry.mmsi} (also row ${prev})` });
        seen.set(entry.mmsi, row);
        valid.push(entry);
      } catch (err) {
        const message = String((err as any).reason ?? (err as Error).message).replace(/^line \d+:\s*/, '');
        errors.push({ row, line: rec.line, field: FIELD_IN_REASON.exec(message)?.[1], message });
      }
    });
    await this.deps.store.registry.write(valid, mode);
    await this.deps.registry?.reload?.();
    return { imported: valid.length, rejected: errors.length, errors };
  }
}

const entriesOf = (reg: Registry): RegistryEntry[] => [...reg.entries()];
