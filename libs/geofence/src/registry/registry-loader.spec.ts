import { describe, expect, it } from 'vitest';
import { RegistryFileError } from '../errors.js';
import { REGISTRY_HEADER } from '../testing/fixtures.js';
import { loadRegistry } from './registry-loader.js';

describe('loadRegistry', () => {
  it('reads passenger, fishing and leisure rows, quoted fields and CRLF', () => {
    const csv = [
      REGISTRY_HEADER,
      '412000001,普陀山快客1,passenger,,120,Banshengdong,"licensed route, Putuoshan"',
      '412000002,浙普渔12345,fishing,gillnet,,Shenjiamen,special_licence 2024',
      '412000003,"Blue ""Dolphin""",leisure,,,Zhujiajian,',
      '',
    ].join('\r\n');
    const r = loadRegistry(csv);
    expect(r.size).toBe(3);
    expect(r.isLicensedPassenger(412000001)).toBe(true);
    expect(r.get(412000001)?.notes).toBe('licensed route, Putuoshan');
    expect(r.get(412000002)).toMatchObject({ gear: 'gillnet', specialLicence: true, licensedPassengers: null });
    expect(r.get(412000003)?.name).toBe('Blue "Dolphin"');
    expect(r.isLicensedPassenger(412000003)).toBe(false);
  });

  it('accepts any column order', () => {
    const r = loadRegistry('name,mmsi,category,gear,licensedPassengers,homePort,notes\nA,412000009,fishing,trawl,,Shenjiamen,');
    expect(r.get(412000009)?.gear).toBe('trawl');
  });

  it('refuses bad rows with the line and reason', () => {
    const err = (csv: string) => {
      try {
        loadRegistry(csv);
      } catch (e) {
        expect(e).toBeInstanceOf(RegistryFileError);
        return e as RegistryFileError;
      }
      throw new Error('expected RegistryFileError');
    };
    expect(err(`${REGISTRY_HEADER}\n412000001,A,fishing,trawl,,x,\n41200,B,fishing,,,x,`)).toMatchObject({ line: 3, reason: "mmsi '41200' is not 9 digits" });
    expect(err(`${REGISTRY_HEADER}\n412000001,A,yacht,,,x,`).reason).toMatch(/category 'yacht'/);
    expect(err(`${REGISTRY_HEADER}\n412000001,A,fishing,dynamite,,x,`).reason).toMatch(/gear 'dynamite'/);
    expect(err(`${REGISTRY_HEADER}\n412000001,A,passenger,,many,x,`).reason).toMatch(/licensedPassengers/);
    expect(err(`${REGISTRY_HEADER}\n412000001,A,fishing,,,x,\n412000001,B,fishing,,,x,`)).toMatchObject({ line: 3, reason: 'duplicate mmsi 412000001 (also line 2)' });
    expect(err(`${REGISTRY_HEADER}\n412000001,A,fishing`).reason).toMatch(/has 3 fields/);
    expect(err('mmsi,name\n1,2').reason).toMatch(/lacks column/);
    expect(err(`${REGISTRY_HEADER}\n412000001,"A,fishing,,,x,`).reason).toMatch(/unterminated/);
  });
});
