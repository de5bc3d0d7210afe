import type { ZoneCollection } from '../api/api-client.js';
import { pick } from '../i18n/i18n.js';

/** The zone's name in the current language, else its id. */
export function zoneName(zones: ZoneCollection | null, id: string | null): string {
  if (!id) return '';
  const f = zones?.features.find((z) => z.properties.id === id);
  return f ? pick(f.properties.name) || id : id;
}
