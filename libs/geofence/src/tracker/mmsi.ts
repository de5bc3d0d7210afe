/** What an MMSI says about its transmitter (ITU-R M.585-9). */
export type MmsiKind = 'ship' | 'craft_associated' | 'aid_to_navigation' | 'sar_aircraft' | 'sart_mob_epirb' | 'handheld' | 'coast_station' | 'group' | 'invalid';

export function mmsiKind(mmsi: number): MmsiKind {
  if (!Number.isInteger(mmsi) || mmsi <= 0 || mmsi > 999_999_999) return 'invalid';
  const s = String(mmsi).padStart(9, '0');
  if (s.startsWith('970') || s.startsWith('972') || s.startsWith('974')) return 'sart_mob_epirb';
  if (s.startsWith('111')) return 'sar_aircraft';
  if (s.startsWith('98')) return 'craft_associated';
  if (s.startsWith('99')) return 'aid_to_navigation';
  if (s.startsWith('00')) return 'coast_station';
  if (s.startsWith('0')) return 'group';
  if (s[0] === '8') return 'handheld';
  const mid = Number(s.slice(0, 3));
  return mid >= 201 && mid <= 775 ? 'ship' : 'invalid';
}

/** Why a ship's MMSI is not valid, or null. Only meaningful for vessels sending ship position reports. */
export function invalidShipMmsi(mmsi: number): string | null {
  if (mmsi < 100_000_000) return `MMSI ${mmsi} has fewer than 9 digits`;
  const kind = mmsiKind(mmsi);
  if (kind === 'invalid') return `MID ${String(mmsi).slice(0, 3)} is not an allocated ship MID (201–775)`;
  return null;
}
