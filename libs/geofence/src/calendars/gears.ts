/** Fishing gears of the moratorium circular (DOMAIN.md), as used in calendars and the registry. */
export const GEARS = [
  'trawl',
  'purse_seine',
  'sail_stow_net',
  'beam_shrimp_trawl',
  'cage_pot',
  'gillnet',
  'light_lure',
  'small_stow_net',
  'hook_and_line',
  'auxiliary',
  'other',
] as const;
export type Gear = (typeof GEARS)[number];

export const isGear = (s: string): s is Gear => (GEARS as readonly string[]).includes(s);
