/**
 * MMSI plausibility (ITU-R M.585-9): the number must fit in 9 digits and, for the station kinds
 * that embed one, carry a Maritime Identification Digits value in the allocated range 201..775.
 * Returns the warning, or undefined when the MMSI looks valid (no allocation on the hot path).
 */
export function mmsiWarning(mmsi: number): string | undefined {
  if (mmsi > 999_999_999) return 'mmsi_not_9_digits';
  let mid: number;
  if (mmsi >= 200_000_000 && mmsi < 800_000_000) mid = (mmsi / 1_000_000) | 0; // MIDxxxxxx ship
  else if (mmsi < 10_000_000) mid = (mmsi / 10_000) | 0; // 00MIDxxxx coast station
  else if (mmsi < 100_000_000) mid = (mmsi / 100_000) | 0; // 0MIDxxxxx group call
  else if (mmsi < 200_000_000) {
    if (mmsi < 111_000_000 || mmsi >= 112_000_000) return 'invalid_mid'; // only 111MIDxxx is allocated in 1xx
    mid = ((mmsi / 1000) | 0) % 1000; // 111MIDxxx SAR aircraft
  }
  else if (mmsi >= 800_000_000 && mmsi < 900_000_000) mid = ((mmsi / 100_000) | 0) % 1000; // 8MIDxxxxx handheld
  else if (mmsi >= 980_000_000) mid = ((mmsi / 10_000) | 0) % 1000; // 98MIDxxxx craft, 99MIDxxxx AtoN
  else return undefined; // 970/972/974 devices and other 9xx/1xx numbers carry no MID
  return mid >= 201 && mid <= 775 ? undefined : 'invalid_mid';
}
